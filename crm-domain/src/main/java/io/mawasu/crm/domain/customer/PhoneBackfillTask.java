package io.mawasu.crm.domain.customer;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link PhoneBackfill} as a db-scheduler recurring task: the first start after the
 * upgrade runs it at once (a new recurring task is due immediately), then it re-checks
 * daily, which with nothing left is one probe of a partial index. One instance of a
 * cluster claims each run; a run whose instance dies is revived on another, and the fill
 * itself is idempotent.
 */
@Configuration(proxyBeanMethods = false)
class PhoneBackfillTask {

	/** The task's name in {@code scheduled_tasks}. */
	static final String TASK = "phone-e164-backfill";

	@Bean
	RecurringTask<Void> phoneBackfillRecurringTask(PhoneBackfill backfill) {
		return Tasks.recurring(TASK, FixedDelay.of(Duration.ofDays(1))).execute((instance, context) -> backfill.fill());
	}

}
