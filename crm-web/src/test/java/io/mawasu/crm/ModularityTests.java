package io.mawasu.crm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

	/**
	 * Writes the module docs to target/ on every build (the Documenter's order of entries
	 * varies between runs, so writing into the repository dirtied it each time); refresh
	 * the committed copy with {@code -Dcrm.modules-docs=../docs/modules}.
	 */
	@Test
	void writesModuleDocs() throws IOException {
		Path folder = Path.of(System.getProperty("crm.modules-docs", "target/spring-modulith-docs"));
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder(folder.toString())).writeDocumentation();
		assertThat(Files.readString(folder.resolve("components.puml"))).contains("\"Domain\"", "\"Web\"");
		for (String module : new String[] { "domain", "segmentation", "delivery", "scenario", "analytics", "web" }) {
			assertThat(folder.resolve("module-" + module + ".adoc")).isNotEmptyFile();
		}
	}

}
