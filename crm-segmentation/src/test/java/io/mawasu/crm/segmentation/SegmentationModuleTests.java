package io.mawasu.crm.segmentation;

import io.mawasu.crm.SegmentationTestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The segmentation module is one Modulith application module whose dependencies follow
 * STYLE.md §1.
 */
class SegmentationModuleTests {

	@Test
	void isAnApplicationModuleThatRespectsItsAllowedDependencies() {
		ApplicationModules modules = ApplicationModules.of(SegmentationTestApplication.class);
		assertThat(modules.getModuleByName("segmentation")).isPresent();
		modules.verify();
	}

}
