package io.mawasu.crm.analytics;

import io.mawasu.crm.AnalyticsTestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics module is one Modulith application module whose dependencies follow
 * STYLE.md §1.
 */
class AnalyticsModuleTests {

	@Test
	void isAnApplicationModuleThatRespectsItsAllowedDependencies() {
		ApplicationModules modules = ApplicationModules.of(AnalyticsTestApplication.class);
		assertThat(modules.getModuleByName("analytics")).isPresent();
		modules.verify();
	}

}
