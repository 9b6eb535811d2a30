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
			select u.id, u.username, u.password_hash, u.enabled,
				(select coalesce(sum(f.failed_attempts), 0) from web.login_failure f where f.username = u.username)
					as failed_attempts,
				(select max(f.locked_until) from web.login_failure f where f.username = u.username) as locked_until,
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
	 * @param failedAttempts failed logins on this name counted now, from every address
	 * @param lockedUntil the end of the latest lock of this name from some address after
	 * too many failed logins there; may lie in the past
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

	/**
	 * Failed logins on a name (known or not) from any address since the given time; the
	 * growing delay per user is based on it.
	 */
	public int failedAttempts(String username, Instant since) {
		return this.jdbc.sql("""
				select coalesce(sum(failed_attempts), 0) from web.login_failure
				where username = :u and last_failed_at > :since
				""").param("u", username).param("since", Timestamp.from(since)).query(Integer.class).single();
	}

	/** Whether logins on this name from this address are locked at the given time. */
	public boolean isLocked(String username, String address, Instant now) {
		return this.jdbc.sql("""
				select count(*) from web.login_failure
				where username = :u and address = :a and locked_until > :now
				""")
			.param("u", username)
			.param("a", address)
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Counts a failed login on a name from an address and locks that pair until
	 * {@code lockUntil} once its count reaches {@code maxAttempts}. A lock that has run
	 * out, or a last failure before {@code windowStart}, starts a fresh count.
	 * @return the pair's new count
	 */
	@Transactional
	public int recordFailure(String username, String address, int maxAttempts, Instant now, Instant lockUntil,
			Instant windowStart) {
		return this.jdbc.sql("""
				insert into web.login_failure as f (username, address, failed_attempts, locked_until, last_failed_at)
				values (:u, :a, 1, case when 1 >= :max then cast(:until as timestamptz) end, :now)
				on conflict (username, address) do update set
					failed_attempts = case when f.locked_until <= cast(:now as timestamptz)
							or f.last_failed_at < cast(:windowStart as timestamptz) then 1
						else f.failed_attempts + 1 end,
					locked_until = case when (case when f.locked_until <= cast(:now as timestamptz)
							or f.last_failed_at < cast(:windowStart as timestamptz) then 1
						else f.failed_attempts + 1 end) >= :max then cast(:until as timestamptz) end,
					last_failed_at = excluded.last_failed_at
				returning f.failed_attempts
				""")
			.param("u", username)
			.param("a", address)
			.param("max", maxAttempts)
			.param("now", Timestamp.from(now))
			.param("until", Timestamp.from(lockUntil))
			.param("windowStart", Timestamp.from(windowStart))
			.query(Integer.class)
			.single();
	}

	/** Clears the failures of a name from an address after a successful login there. */
	@Transactional
	public void recordSuccess(String username, String address) {
		this.jdbc.sql("delete from web.login_failure where username = :u and address = :a")
			.param("u", username)
			.param("a", address)
			.update();
	}

	/** Forgets failures older than the given time (their locks have ended). */
	@Transactional
	public int forgetFailuresBefore(Instant before) {
		return this.jdbc.sql("""
				delete from web.login_failure
				where last_failed_at < :before and (locked_until is null or locked_until < :before)
				""").param("before", Timestamp.from(before)).update();
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
