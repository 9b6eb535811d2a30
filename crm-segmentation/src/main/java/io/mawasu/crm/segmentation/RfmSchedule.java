package io.mawasu.crm.segmentation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronExpression;

/**
 * Starts the daily RFM run at {@code crm.segmentation.rfm-cron} (default 04:00; {@code -}
 * disables it) when the application enables scheduling.
 */
@Configuration(proxyBeanMethods = false)
class RfmSchedule implements SchedulingConfigurer {

	private static final Logger logger = LoggerFactory.getLogger(RfmSchedule.class);

	private final RfmRuns runs;

	private final SegmentationProperties properties;

	RfmSchedule(RfmRuns runs, SegmentationProperties properties) {
		this.runs = runs;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		String cron = this.properties.rfmCron().trim();
		if ("-".equals(cron) || cron.isEmpty()) {
			return;
		}
		CronExpression.parse(cron);
		registrar.addCronTask(this::run, cron);
	}

	void run() {
		try {
			RfmRun run = this.runs.start(RfmRunRequest.defaults());
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
