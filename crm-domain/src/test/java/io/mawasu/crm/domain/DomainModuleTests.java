package io.mawasu.crm.domain;

import io.mawasu.crm.DomainTestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The domain module is one Modulith application module whose dependencies follow STYLE.md
 * §1.
 */
class DomainModuleTests {

	@Test
	void isAnApplicationModuleThatRespectsItsAllowedDependencies() {
		ApplicationModules modules = ApplicationModules.of(DomainTestApplication.class);
		assertThat(modules.getModuleByName("domain")).isPresent();
		modules.verify();
	}

}
