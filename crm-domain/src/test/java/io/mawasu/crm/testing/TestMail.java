package io.mawasu.crm.testing;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real SMTP server (GreenMail) for tests that send mail. One server per test class (its
 * port goes into the Spring context, which outlives a single test method); purge it
 * between tests when they count messages.
 *
 * <pre>
 * &#64;RegisterExtension
 * static GreenMailExtension greenMail = TestMail.server();
 *
 * &#64;DynamicPropertySource
 * static void smtp(DynamicPropertyRegistry registry) {
 *     TestMail.register(registry, greenMail);
 * }
 * </pre>
 */
public final class TestMail {

	private TestMail() {
	}

	/** An SMTP server on a free port that accepts mail without authentication. */
	public static GreenMailExtension server() {
		return new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
			.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
			.withPerMethodLifecycle(false);
	}

	/** Points Spring Boot's {@code spring.mail.*} at the server. */
	public static void register(DynamicPropertyRegistry registry, GreenMailExtension server) {
		registry.add("spring.mail.host", () -> "localhost");
		registry.add("spring.mail.port", () -> server.getSmtp().getPort());
	}

}
