package io.mawasu.crm.web.security;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityPropertiesTests {

	@Test
	void delayGrowsFromTheThirdFailureAndStaysBounded() {
		SecurityProperties properties = new SecurityProperties("admin", null, 5, Duration.ofMinutes(15), 20,
				Duration.ofMinutes(15), 3, Duration.ofMillis(250), Duration.ofSeconds(2));
		assertThat(properties.delayAfter(0)).isZero();
		assertThat(properties.delayAfter(2)).isZero();
		assertThat(properties.delayAfter(3)).isEqualTo(Duration.ofMillis(250));
		assertThat(properties.delayAfter(4)).isEqualTo(Duration.ofMillis(500));
		assertThat(properties.delayAfter(5)).isEqualTo(Duration.ofSeconds(1));
		assertThat(properties.delayAfter(6)).isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.delayAfter(1_000)).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void noDelayWhenSwitchedOff() {
		SecurityProperties properties = new SecurityProperties("admin", null, 5, Duration.ofMinutes(15), 20,
				Duration.ofMinutes(15), 3, Duration.ZERO, Duration.ofSeconds(2));
		assertThat(properties.delayAfter(10)).isZero();
	}

}
