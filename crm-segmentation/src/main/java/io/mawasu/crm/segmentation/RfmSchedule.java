package io.mawasu.crm.segmentation;

import java.time.ZoneId;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The daily RFM run at {@code crm.segmentation.rfm-cron} (default 04:00 in the server's
 * zone; {@code -} disables it) as a db-scheduler recurring task: the application's
 * scheduler (crm-web) stores its next due time in {@code scheduled_tasks}, and one
 * instance of a cluster claims each due time, so there is one run per tick whatever the
 * number of instances.
 */
@Configuration(proxyBeanMethods = false)
class RfmSchedule {

	/** The task's name in {@code scheduled_tasks}. */
	static final String TASK = "rfm-run";

	private static final Logger logger = LoggerFactory.getLogger(RfmSchedule.class);

	@Bean
	RecurringTask<Void> rfmRunTask(RfmRuns runs, SegmentationProperties properties) {
		return Tasks.recurring(TASK, cron(properties.rfmCron(), ZoneId.systemDefault()))
			.execute((instance, context) -> run(runs));
	}

	/**
	 * A Spring cron expression as a db-scheduler schedule; {@code -} (or blank) is the
	 * disabled schedule, which also removes an execution stored by an earlier start.
	 */
	static Schedule cron(String expression, ZoneId zone) {
		String cron = expression.strip();
		return Schedules.cron(cron.isEmpty() ? "-" : cron, zone);
	}

	static void run(RfmRuns runs) {
		try {
			RfmRun run = runs.start(RfmRunRequest.defaults());
			logger.info("Scheduled RFM run {} scored {} customers", run.id(), run.customers());
		}
		catch (RfmRunAlreadyRunning ex) {
			logger.info("Scheduled RFM run skipped: {}", ex.getMessage());
		}
		catch (RuntimeException ex) {
			logger.warn("Scheduled RFM run failed", ex);
		}
	}

}
