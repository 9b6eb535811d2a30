package io.mawasu.crm.segmentation.rule;

import io.mawasu.crm.segmentation.Segments;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Checks every minute which saved segments are due for a new snapshot (see
 * {@link Segments#refreshDue()}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ScheduledRefresh {

	private final Segments segments;

	ScheduledRefresh(Segments segments) {
		this.segments = segments;
	}

	@Scheduled(fixedDelayString = "${crm.segmentation.refresh-check-interval:60s}",
			initialDelayString = "${crm.segmentation.refresh-check-interval:60s}")
	void refreshDue() {
		this.segments.refreshDue();
	}

}
