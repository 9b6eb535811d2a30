package io.mawasu.crm.delivery;

import io.mawasu.crm.DeliveryTestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery module is one Modulith application module whose dependencies follow
 * STYLE.md §1.
 */
class DeliveryModuleTests {

	@Test
	void isAnApplicationModuleThatRespectsItsAllowedDependencies() {
		ApplicationModules modules = ApplicationModules.of(DeliveryTestApplication.class);
		assertThat(modules.getModuleByName("delivery")).isPresent();
		modules.verify();
	}

}
