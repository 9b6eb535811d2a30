package io.mawasu.crm.web.users;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.mawasu.crm.web.audit.AuditLog;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an admin may do to users, with the rules shared by the users page and the API:
 * names of letters, digits and {@code . _ @ + -} (unique regardless of case), passwords
 * of at least {@value #MIN_PASSWORD_LENGTH} characters, at least one known role, and
 * always one enabled admin left. Every change is audited.
 */
@Service
@PreAuthorize("hasRole('ADMIN')")
class UserAdministration {

	static final int MIN_PASSWORD_LENGTH = 12;

	static final int MAX_USERNAME_LENGTH = 100;

	static final String USER_CREATED = "USER_CREATED";

	static final String ROLES_CHANGED = "ROLES_CHANGED";

	static final String USER_ENABLED = "USER_ENABLED";

	static final String USER_DISABLED = "USER_DISABLED";

	/** BCrypt reads no more than 72 bytes of a password. */
	private static final int MAX_PASSWORD_BYTES = 72;

	private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._@+-]+");

	private final UserAccounts accounts;

	private final AuditLog audit;

	UserAdministration(UserAccounts accounts, AuditLog audit) {
		this.accounts = accounts;
		this.audit = audit;
	}

	List<UserAccounts.Account> users() {
		return this.accounts.findAll();
	}

	/**
	 * Creates a user.
	 * @return the stored name (trimmed) and roles
	 * @throws UserRejectedException naming the field at fault
	 */
	@Transactional
	UserAccounts.Account create(@Nullable String username, @Nullable String password,
			@Nullable Collection<String> roleNames) {
		String name = (username != null) ? username.strip() : "";
		if (name.isEmpty()) {
			throw new UserRejectedException("username", "users.error.usernameRequired");
		}
		if (name.length() > MAX_USERNAME_LENGTH || !USERNAME.matcher(name).matches()) {
			throw new UserRejectedException("username", "users.error.usernameFormat", MAX_USERNAME_LENGTH);
		}
		checkPassword(name, password);
		Set<Role> roles = roles(roleNames);
		if (this.accounts.exists(name)) {
			throw UserRejectedException.taken(name);
		}
		try {
			this.accounts.create(name, password, roles);
		}
		catch (DuplicateKeyException ex) {
			throw UserRejectedException.taken(name);
		}
		this.audit.record(USER_CREATED, name + " " + names(roles));
		return this.accounts.find(name).orElseThrow();
	}

	/** Replaces the user's roles. */
	@Transactional
	void changeRoles(String username, @Nullable Collection<String> roleNames) {
		UserAccounts.Account account = existing(username);
		Set<Role> roles = roles(roleNames);
		if (account.enabled() && account.roles().contains(Role.ADMIN) && !roles.contains(Role.ADMIN)) {
			keepOneAdmin();
		}
		this.accounts.setRoles(account.id(), roles);
		this.audit.record(ROLES_CHANGED, username + " " + names(account.roles()) + " -> " + names(roles));
	}

	/** Enables or disables the user; a disabled user cannot log in. */
	@Transactional
	void setEnabled(String username, boolean enabled) {
		UserAccounts.Account account = existing(username);
		if (account.enabled() == enabled) {
			return;
		}
		if (!enabled && account.roles().contains(Role.ADMIN)) {
			keepOneAdmin();
		}
		this.accounts.setEnabled(account.username(), enabled);
		this.audit.record(enabled ? USER_ENABLED : USER_DISABLED, username);
	}

	private UserAccounts.Account existing(String username) {
		return this.accounts.find(username)
			.orElseThrow(() -> new UserRejectedException("username", "users.error.unknown", username));
	}

	private void keepOneAdmin() {
		if (this.accounts.countEnabledWith(Role.ADMIN) <= 1) {
			throw new UserRejectedException("roles", "users.error.lastAdmin");
		}
	}

	private static void checkPassword(String username, @Nullable String password) {
		if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
			throw new UserRejectedException("password", "users.error.passwordShort", MIN_PASSWORD_LENGTH);
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
			throw new UserRejectedException("password", "users.error.passwordLong", MAX_PASSWORD_BYTES);
		}
		if (password.strip().isEmpty() || password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))
				|| password.codePoints().distinct().count() < 4) {
			throw new UserRejectedException("password", "users.error.passwordWeak");
		}
	}

	private static Set<Role> roles(@Nullable Collection<String> names) {
		if (names == null || names.isEmpty()) {
			throw new UserRejectedException("roles", "users.error.rolesRequired");
		}
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (String name : names) {
			roles.add(role(name));
		}
		return roles;
	}

	private static Role role(@Nullable String name) {
		String normalized = (name != null) ? name.strip().toUpperCase(Locale.ROOT) : "";
		for (Role role : Role.values()) {
			if (role.name().equals(normalized)) {
				return role;
			}
		}
		throw new UserRejectedException("roles", "users.error.unknownRole", String.valueOf(name),
				names(EnumSet.allOf(Role.class)));
	}

	private static String names(Collection<Role> roles) {
		return roles.stream().map(Role::name).collect(Collectors.joining(","));
	}

}
