package io.mawasu.crm.web.cycles;

import io.mawasu.crm.analytics.InvalidCycle;
import io.mawasu.crm.web.security.UserAccounts;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The user names a cycle refers to (owner, decision maker, action owner) must be users of
 * this application; analytics cannot look them up itself, so the web layer checks them.
 */
@Component
class CycleUsers {

	private final UserAccounts accounts;

	CycleUsers(UserAccounts accounts) {
		this.accounts = accounts;
	}

	/** The stored spelling of the user name, or a 400 naming the field. */
	@Nullable String require(String field, @Nullable String username) {
		if (username == null || username.isBlank()) {
			return username;
		}
		if (username.length() > 100 || username.indexOf('\0') >= 0) {
			throw new InvalidCycle(field, "is not a user name");
		}
		return this.accounts.find(username.strip())
			.map(UserAccounts.Account::username)
			.orElseThrow(() -> new InvalidCycle(field, "no user named '" + username.strip() + "'"));
	}

	/** MANAGER and ADMIN moderate boards and facilitate every retrospective. */
	static boolean moderator(Authentication user) {
		return user.getAuthorities()
			.stream()
			.anyMatch((a) -> "ROLE_MANAGER".equals(a.getAuthority()) || "ROLE_ADMIN".equals(a.getAuthority()));
	}

}
