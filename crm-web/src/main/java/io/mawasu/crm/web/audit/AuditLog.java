package io.mawasu.crm.web.audit;

import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit log of sensitive acts: who did what to which target, when, and from which
 * address. Entries are written in their own statement so a failed business transaction
 * still leaves its trace.
 */
@Service
public class AuditLog {

	private final JdbcClient jdbc;

	AuditLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** An entry as the API shows it. */
	public record Entry(Instant at, @Nullable String username, String action, @Nullable String target,
			@Nullable String ip) {
	}

	/**
	 * An entry with its detail (for example why a login failed), as the audit page shows
	 * it.
	 */
	public record DetailedEntry(Instant at, @Nullable String username, String action, @Nullable String target,
			@Nullable String ip, @Nullable String detail) {
	}

	/** Records an act of the current user from the current request. */
	public void record(String action, @Nullable String target) {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		record((auth != null) ? auth.getName() : null, action, target, currentAddress(), null);
	}

	/** Records an act with everything given explicitly (for example a failed login). */
	public void record(@Nullable String username, String action, @Nullable String target, @Nullable String ip,
			@Nullable String detail) {
		this.jdbc.sql("""
				insert into web.audit_log (username, action, target, ip, detail)
				values (:username, :action, :target, :ip, :detail)
				""")
			.param("username", username)
			.param("action", action)
			.param("target", target)
			.param("ip", ip)
			.param("detail", detail)
			.update();
	}

	/** The newest entries first. */
	public List<Entry> newest(int limit) {
		return this.jdbc.sql("""
				select at, username, action, target, ip from web.audit_log order by at desc, id desc limit :limit
				""")
			.param("limit", Math.max(1, Math.min(limit, 10_000)))
			.query((rs, n) -> new Entry(rs.getTimestamp("at").toInstant(), rs.getString("username"),
					rs.getString("action"), rs.getString("target"), rs.getString("ip")))
			.list();
	}

	/**
	 * One page of entries, newest first, reading one more row than asked so the caller
	 * knows whether another page follows without counting the whole log.
	 */
	public List<DetailedEntry> page(int page, int size) {
		return this.jdbc.sql("""
				select at, username, action, target, ip, detail from web.audit_log
				order by at desc, id desc limit :limit offset :offset
				""")
			.param("limit", size + 1)
			.param("offset", (long) page * size)
			.query((rs, n) -> new DetailedEntry(rs.getTimestamp("at").toInstant(), rs.getString("username"),
					rs.getString("action"), rs.getString("target"), rs.getString("ip"), rs.getString("detail")))
			.list();
	}

	/** The address of the current request, if there is one. */
	public static @Nullable String currentAddress() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}

}
