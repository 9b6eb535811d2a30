package io.mawasu.crm.scenario;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code crm.scenario.engine.*}: whether this instance runs the engine loop, how often it
 * looks for due enrolments, and how many it claims per transaction.
 */
@ConfigurationProperties("crm.scenario.engine")
record ScenarioEngineProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration pollInterval,
		@DefaultValue("1000") int batchSize) {

}
