package io.mawasu.crm.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.mawasu.crm.testing.TestDatabaseConfiguration;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * The whole application on the test run's PostgreSQL with MockMvc. Every test class using
 * it shares one cached context, so keep the configuration identical (no per-class
 * properties or mocks).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(properties = { "crm.security.admin-username=admin", "crm.security.admin-password=admin-password-1" })
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
public @interface CrmIntegrationTest {

}
