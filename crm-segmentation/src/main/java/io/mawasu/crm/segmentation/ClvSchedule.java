package io.mawasu.crm.segmentation;

import java.time.ZoneId;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Re-fits CLV at {@code crm.segmentation.clv-cron} (default Mondays 05:00 in the server's
 * zone; {@code -} disables it) with the default request, as a db-scheduler recurring
 * task: one instance of a cluster claims each due time (and the fit's advisory lock still
 * turns away a fit started by hand meanwhile).
 */
@Configuration(proxyBeanMethods = false)
class ClvSchedule {

	/** The task's name in {@code scheduled_tasks}. */
	static final String TASK = "clv-fit";

	private static final Logger logger = LoggerFactory.getLogger(ClvSchedule.class);

	@Bean
	RecurringTask<Void> clvFitTask(ClvFits fits, SegmentationProperties properties) {
		return Tasks.recurring(TASK, RfmSchedule.cron(properties.clvCron(), ZoneId.systemDefault()))
			.execute((instance, context) -> run(fits));
	}

	static void run(ClvFits fits) {
		try {
			ClvFit fit = fits.fit(ClvFitRequest.defaults());
			logger.info("Scheduled CLV fit {} modelled {} customers", fit.id(), fit.customers());
		}
		catch (ClvFitAlreadyRunning | InvalidClvRequest ex) {
			logger.info("Scheduled CLV fit skipped: {}", ex.getMessage());
		}
		catch (RuntimeException ex) {
			logger.warn("Scheduled CLV fit failed", ex);
		}
	}

}
