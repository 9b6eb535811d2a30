package io.mawasu.crm.web.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InitialAdminTests {

	@Test
	void demoModeCreatesNoAdminUnlessAPasswordIsConfigured() {
		assertThat(InitialAdmin.creates(true, null)).isFalse();
		assertThat(InitialAdmin.creates(true, " ")).isFalse();
		assertThat(InitialAdmin.creates(true, "configured-password-1")).isTrue();
		assertThat(InitialAdmin.creates(false, null)).as("a generated password outside demo mode").isTrue();
		assertThat(InitialAdmin.creates(false, "configured-password-1")).isTrue();
	}

}
