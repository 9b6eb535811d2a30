package io.mawasu.crm.web;

import java.util.EnumSet;

import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;

import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * One real user per role in the test database, for tests that go through the real
 * authentication: user name = role name in lower case (e.g. {@code marketer}), password
 * {@link #PASSWORD}.
 */
public final class TestUsers {

	public static final String PASSWORD = "test-password-1";

	private TestUsers() {
	}

	public static void ensure(UserAccounts accounts) {
		for (Role role : Role.values()) {
			String name = username(role);
			if (!accounts.exists(name)) {
				accounts.create(name, PASSWORD, EnumSet.of(role));
			}
		}
	}

	public static String username(Role role) {
		return role.name().toLowerCase();
	}

	/** HTTP Basic credentials of the test user with this role. */
	public static RequestPostProcessor basic(Role role) {
		return httpBasic(username(role), PASSWORD);
	}

}
