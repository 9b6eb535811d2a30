package io.mawasu.crm;

import io.mawasu.crm.testing.TestDatabaseConfiguration;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.Modulithic;

/**
 * Boots the analytics module (and the shared domain) on its own for module tests.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(sharedModules = "domain")
@Import(TestDatabaseConfiguration.class)
public class AnalyticsTestApplication {

}
