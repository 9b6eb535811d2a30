package io.mawasu.crm.segmentation.rule;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.mawasu.crm.segmentation.SegmentationProperties;
import io.mawasu.crm.segmentation.Segments;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Checks every {@code crm.segmentation.refresh-check-interval} which saved segments are
 * due for a new snapshot (see {@link Segments#refreshDue()}), as a db-scheduler recurring
 * task: one instance of a cluster does each check, so a due segment gets one snapshot
 * (and one {@code SegmentRefreshed}) per tick.
 */
@Configuration(proxyBeanMethods = false)
class ScheduledRefresh {

	/** The task's name in {@code scheduled_tasks}. */
	static final String TASK = "segment-refresh";

	@Bean
	RecurringTask<Void> segmentRefreshTask(Segments segments, SegmentationProperties properties) {
		return Tasks.recurring(TASK, Schedules.fixedDelay(properties.refreshCheckInterval()))
			.execute((instance, context) -> segments.refreshDue());
	}

}
