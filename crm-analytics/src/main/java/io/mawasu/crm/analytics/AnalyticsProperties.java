package io.mawasu.crm.analytics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code crm.analytics.*}: how often the metrics rollups catch up with new messages,
 * events, enrolments and orders ({@code rollup-interval}), whether this instance runs
 * that job ({@code rollup-enabled}; it runs once across instances anyway), how long rows
 * are re-read in case an older transaction commits late ({@code rollup-settle}), and the
 * relative lift a launch check expects a scenario to reach
 * ({@code expected-relative-lift}).
 */
@ConfigurationProperties("crm.analytics")
public record AnalyticsProperties(@DefaultValue("true") boolean rollupEnabled,
		@DefaultValue("15s") Duration rollupInterval, @DefaultValue("10m") Duration rollupSettle,
		@DefaultValue("0.2") double expectedRelativeLift) {

}
