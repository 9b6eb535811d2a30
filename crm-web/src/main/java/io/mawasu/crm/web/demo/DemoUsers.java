package io.mawasu.crm.web.demo;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;

/**
 * One user per role for demo mode, all with the documented password {@link #PASSWORD}:
 * {@code demo-admin}, {@code demo-marketer}, {@code demo-content-editor},
 * {@code demo-analyst} and {@code demo-manager}.
 */
final class DemoUsers {

	static final String PASSWORD = "mawasu-demo";

	private DemoUsers() {
	}

	/**
	 * A demo user as the login page lists it.
	 *
	 * @param username the user name
	 * @param password the demo password
	 * @param role the only role of the user
	 */
	record DemoUser(String username, String password, Role role) {
	}

	static List<DemoUser> all() {
		return Arrays.stream(Role.values())
			.map((role) -> new DemoUser("demo-" + role.name().toLowerCase().replace('_', '-'), PASSWORD, role))
			.toList();
	}

	/** Creates the demo users that do not exist yet; returns how many were created. */
	static int ensure(UserAccounts accounts) {
		int created = 0;
		for (DemoUser user : all()) {
			if (!accounts.exists(user.username())) {
				accounts.create(user.username(), user.password(), EnumSet.of(user.role()));
				created++;
			}
		}
		return created;
	}

}
