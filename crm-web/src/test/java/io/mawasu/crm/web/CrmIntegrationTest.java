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
 * properties or mocks). The first admin is TestUsers' {@code admin}, with its password.
 * Failed logins wait at most a few milliseconds here, and the limit per address is high
 * enough that tests failing a login from MockMvc's 127.0.0.1 do not trip it (the lockout
 * tests use addresses of their own).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(properties = { "crm.security.admin-username=admin", "crm.security.admin-password=" + TestUsers.PASSWORD,
		"crm.security.failure-delay=1ms", "crm.security.max-failure-delay=4ms",
		"crm.security.max-failed-attempts-per-address=50" })
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
public @interface CrmIntegrationTest {

}
