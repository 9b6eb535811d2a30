package io.mawasu.crm.segmentation;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronExpression;

/**
 * Re-fits CLV at {@code crm.segmentation.clv-cron} (default Mondays 05:00; {@code -}
 * disables it) with the default request. Every instance fires, but only one fits: the
 * fit's advisory lock turns away a concurrent one, and an instance whose clock lags skips
 * when a fit was stored in the last hour.
 */
@Configuration(proxyBeanMethods = false)
class ClvSchedule implements SchedulingConfigurer {

	private static final Logger logger = LoggerFactory.getLogger(ClvSchedule.class);

	private final ClvFits fits;

	private final SegmentationProperties properties;

	private final Clock clock;

	ClvSchedule(ClvFits fits, SegmentationProperties properties, ObjectProvider<Clock> clock) {
		this.fits = fits;
		this.properties = properties;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		String cron = this.properties.clvCron().trim();
		if ("-".equals(cron) || cron.isEmpty()) {
			return;
		}
		CronExpression.parse(cron);
		registrar.addCronTask(this::run, cron);
	}

	void run() {
		boolean recent = this.fits.latest()
			.map((fit) -> fit.createdAt().isAfter(this.clock.instant().minus(Duration.ofHours(1))))
			.orElse(false);
		if (recent) {
			logger.info("Scheduled CLV fit skipped: another instance fitted within the last hour");
			return;
		}
		try {
			ClvFit fit = this.fits.fit(ClvFitRequest.defaults());
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
