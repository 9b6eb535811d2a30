package io.mawasu.crm.web.security;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The application's users and their roles, stored in {@code web.app_user} with BCrypt
 * hashes.
 */
@Service
public class UserAccounts {

	private final JdbcClient jdbc;

	private final PasswordEncoder passwordEncoder;

	UserAccounts(JdbcClient jdbc, PasswordEncoder passwordEncoder) {
		this.jdbc = jdbc;
		this.passwordEncoder = passwordEncoder;
	}

	public record Account(long id, String username, String passwordHash, boolean enabled, int failedAttempts,
			@Nullable Instant lockedUntil, Set<Role> roles) {
	}

	public Optional<Account> find(String username) {
		return this.jdbc.sql("""
				select id, username, password_hash, enabled, failed_attempts, locked_until
				from web.app_user where username = :username
				""")
			.param("username", username)
			.query((rs, n) -> new Account(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"),
					rs.getBoolean("enabled"), rs.getInt("failed_attempts"),
					rs.getObject("locked_until", java.time.OffsetDateTime.class) != null
							? rs.getObject("locked_until", java.time.OffsetDateTime.class).toInstant() : null,
					rolesOf(rs.getLong("id"))))
			.optional();
	}

	public List<Account> findAll() {
		return this.jdbc.sql("select username from web.app_user order by username")
			.query(String.class)
			.list()
			.stream()
			.map((username) -> find(username).orElseThrow())
			.toList();
	}

	public boolean exists(String username) {
		return this.jdbc.sql("select count(*) from web.app_user where username = :u")
			.param("u", username)
			.query(Long.class)
			.single() > 0;
	}

	public long count() {
		return this.jdbc.sql("select count(*) from web.app_user").query(Long.class).single();
	}

	/**
	 * Creates a user. The caller has validated the password's strength and that the name
	 * is free.
	 */
	@Transactional
	public long create(String username, String rawPassword, Collection<Role> roles) {
		long id = this.jdbc.sql("""
				insert into web.app_user (username, password_hash) values (:username, :hash) returning id
				""")
			.param("username", username)
			.param("hash", this.passwordEncoder.encode(rawPassword))
			.query(Long.class)
			.single();
		setRoles(id, roles);
		return id;
	}

	@Transactional
	public void setRoles(long userId, Collection<Role> roles) {
		this.jdbc.sql("delete from web.app_user_role where user_id = :id").param("id", userId).update();
		for (Role role : roles) {
			this.jdbc.sql("insert into web.app_user_role (user_id, role) values (:id, :role)")
				.param("id", userId)
				.param("role", role.name())
				.update();
		}
	}

	@Transactional
	public void setEnabled(String username, boolean enabled) {
		this.jdbc.sql("update web.app_user set enabled = :enabled where username = :u")
			.param("enabled", enabled)
			.param("u", username)
			.update();
	}

	/** Counts a failed login and locks the account once the limit is reached. */
	@Transactional
	public void recordFailure(String username, int maxAttempts, Instant lockUntil) {
		this.jdbc.sql("""
				update web.app_user set failed_attempts = failed_attempts + 1,
					locked_until = case when failed_attempts + 1 >= :max then :until else locked_until end
				where username = :u
				""")
			.param("max", maxAttempts)
			.param("until", java.sql.Timestamp.from(lockUntil))
			.param("u", username)
			.update();
	}

	@Transactional
	public void recordSuccess(String username) {
		this.jdbc.sql("update web.app_user set failed_attempts = 0, locked_until = null where username = :u")
			.param("u", username)
			.update();
	}

	private Set<Role> rolesOf(long userId) {
		List<String> names = this.jdbc.sql("select role from web.app_user_role where user_id = :id")
			.param("id", userId)
			.query(String.class)
			.list();
		Set<Role> roles = EnumSet.noneOf(Role.class);
		names.forEach((name) -> roles.add(Role.valueOf(name)));
		return roles;
	}

}
