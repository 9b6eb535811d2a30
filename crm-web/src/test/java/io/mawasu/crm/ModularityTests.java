package io.mawasu.crm;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails the build on a wrong arrow between modules (cycles, internals, allowed
 * dependencies).
 */
class ModularityTests {

	static final ApplicationModules modules = ApplicationModules.of(CrmApplication.class);

	@Test
	void verifiesModuleBoundaries() {
		assertThat(modules.stream().map((module) -> module.getIdentifier().toString())).contains("domain",
				"segmentation", "delivery", "scenario", "analytics", "web");
		modules.verify();
	}

	@Test
	void writesModuleDocs() {
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder("../docs/modules")).writeDocumentation();
	}

}
