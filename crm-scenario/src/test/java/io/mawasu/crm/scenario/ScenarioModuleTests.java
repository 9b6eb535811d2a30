package io.mawasu.crm.scenario;

import io.mawasu.crm.ScenarioTestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenario module is one Modulith application module whose dependencies follow
 * STYLE.md §1.
 */
class ScenarioModuleTests {

	@Test
	void isAnApplicationModuleThatRespectsItsAllowedDependencies() {
		ApplicationModules modules = ApplicationModules.of(ScenarioTestApplication.class);
		assertThat(modules.getModuleByName("scenario")).isPresent();
		modules.verify();
	}

}
