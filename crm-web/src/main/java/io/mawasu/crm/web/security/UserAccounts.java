package io.mawasu.crm.web.security;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
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
 * hashes. User names are unique regardless of case.
 */
@Service
public class UserAccounts {

	private static final String SELECT_ACCOUNT = """
			select u.id, u.username, u.password_hash, u.enabled, u.failed_attempts, u.locked_until,
				array(select r.role from web.app_user_role r where r.user_id = u.id) as roles
			from web.app_user u
			""";

	private final JdbcClient jdbc;

	private final PasswordEncoder passwordEncoder;

	UserAccounts(JdbcClient jdbc, PasswordEncoder passwordEncoder) {
		this.jdbc = jdbc;
		this.passwordEncoder = passwordEncoder;
	}

	/**
	 * A stored user.
	 *
	 * @param lockedUntil the end of a lock after too many failed logins; may lie in the
	 * past
	 */
	public record Account(long id, String username, String passwordHash, boolean enabled, int failedAttempts,
			@Nullable Instant lockedUntil, Set<Role> roles) {

		public boolean lockedAt(Instant now) {
			return this.lockedUntil != null && this.lockedUntil.isAfter(now);
		}

	}

	public Optional<Account> find(String username) {
		return this.jdbc.sql(SELECT_ACCOUNT + " where u.username = :username")
			.param("username", username)
			.query(UserAccounts::account)
			.optional();
	}

	public List<Account> findAll() {
		return this.jdbc.sql(SELECT_ACCOUNT + " order by lower(u.username)").query(UserAccounts::account).list();
	}

	/** Whether the name is taken, in any case. */
	public boolean exists(String username) {
		return this.jdbc.sql("select count(*) from web.app_user where lower(username) = lower(:u)")
			.param("u", username)
			.query(Long.class)
			.single() > 0;
	}

	public long count() {
		return this.jdbc.sql("select count(*) from web.app_user").query(Long.class).single();
	}

	/** How many enabled users hold this role. */
	public long countEnabledWith(Role role) {
		return this.jdbc.sql("""
				select count(*) from web.app_user u join web.app_user_role r on r.user_id = u.id
				where u.enabled and r.role = :role
				""").param("role", role.name()).query(Long.class).single();
	}

	/**
	 * Creates a user. The caller has validated the password's strength and that the name
	 * is free (the database rejects a taken name with a {@code DuplicateKeyException}).
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

	/** Consecutive failed logins of this user (0 for an unknown name). */
	public int failedAttempts(String username) {
		return this.jdbc.sql("select failed_attempts from web.app_user where username = :u")
			.param("u", username)
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	/**
	 * Counts a failed login and locks the account until {@code lockUntil} once the count
	 * reaches {@code maxAttempts}. A lock that has run out starts a fresh count.
	 * @return the new count, empty for an unknown name
	 */
	@Transactional
	public Optional<Integer> recordFailure(String username, int maxAttempts, Instant now, Instant lockUntil) {
		return this.jdbc
			.sql("""
					update web.app_user u set failed_attempts = n.attempts,
						locked_until = case when n.attempts >= :max then cast(:until as timestamptz) end
					from (select id, case when locked_until <= cast(:now as timestamptz) then 1 else failed_attempts + 1 end as attempts
						from web.app_user where username = :u for update) n
					where u.id = n.id
					returning u.failed_attempts
					""")
			.param("max", maxAttempts)
			.param("now", Timestamp.from(now))
			.param("until", Timestamp.from(lockUntil))
			.param("u", username)
			.query(Integer.class)
			.optional();
	}

	/** Clears the failure count and any lock after a successful login. */
	@Transactional
	public void recordSuccess(String username) {
		this.jdbc.sql("""
				update web.app_user set failed_attempts = 0, locked_until = null
				where username = :u and (failed_attempts > 0 or locked_until is not null)
				""").param("u", username).update();
	}

	private static Account account(ResultSet rs, int row) throws SQLException {
		OffsetDateTime lockedUntil = rs.getObject("locked_until", OffsetDateTime.class);
		return new Account(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"),
				rs.getBoolean("enabled"), rs.getInt("failed_attempts"),
				(lockedUntil != null) ? lockedUntil.toInstant() : null, roles(rs.getArray("roles")));
	}

	private static Set<Role> roles(Array array) throws SQLException {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (Object name : (Object[]) array.getArray()) {
			roles.add(Role.valueOf((String) name));
		}
		return roles;
	}

}
