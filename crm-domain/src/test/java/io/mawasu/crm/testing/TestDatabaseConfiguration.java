package io.mawasu.crm.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points {@code spring.datasource.*} at the test run's PostgreSQL ({@link TestDatabase}).
 * Import it in every test that touches data; the schema is then built by the real Flyway
 * migrations.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabaseConfiguration {

	@Bean
	static DynamicPropertyRegistrar testDatabaseProperties() {
		return (registry) -> {
			registry.add("spring.datasource.url", () -> TestDatabase.get().url());
			registry.add("spring.datasource.username", () -> TestDatabase.get().username());
			registry.add("spring.datasource.password", () -> TestDatabase.get().password());
		};
	}

}
