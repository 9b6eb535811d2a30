package io.mawasu.crm.domain.internal;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The one {@link Clock} of the application (UTC): every module takes "now" from it. An
 * auto-configuration, so a test that declares its own {@code Clock} bean (a fixed or
 * movable one) replaces it instead of clashing with it.
 */
@AutoConfiguration
public class ClockAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(Clock.class)
	Clock clock() {
		return Clock.systemUTC();
	}

}
