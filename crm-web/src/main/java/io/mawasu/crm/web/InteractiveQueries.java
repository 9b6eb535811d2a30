package io.mawasu.crm.web;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;

import io.mawasu.crm.web.edge.EdgeProperties;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Runs the queries a person waits for (segment counts and previews, member pages, the
 * customer search) in one read-only transaction whose statements PostgreSQL cancels after
 * {@code crm.web.query-timeout} (default 10 s, {@code SET LOCAL statement_timeout}). A
 * cancelled query ends as {@link QueryTimedOut}, which the API answers with 503
 * problem+json and pages with the error page, instead of holding a connection and a CPU
 * for minutes after the person gave up.
 */
@Component
public class InteractiveQueries {

	/** PostgreSQL's SQLSTATE for a statement cancelled by its timeout or a cancel. */
	static final String QUERY_CANCELED = "57014";

	private final TransactionTemplate transaction;

	private final JdbcClient jdbc;

	private final EdgeProperties settings;

	InteractiveQueries(PlatformTransactionManager transactionManager, JdbcClient jdbc, EdgeProperties settings) {
		this.transaction = new TransactionTemplate(transactionManager);
		this.transaction.setReadOnly(true);
		this.jdbc = jdbc;
		this.settings = settings;
	}

	/** Runs the work with the statement timeout; its transactions join this one. */
	public <T> T run(Supplier<T> work) {
		try {
			T result = this.transaction.execute((status) -> {
				this.jdbc.sql("select set_config('statement_timeout', :timeout, true)")
					.param("timeout", this.settings.queryTimeout().toMillis() + "ms")
					.query(String.class)
					.single();
				return work.get();
			});
			if (result == null) {
				throw new IllegalStateException("An interactive query returned nothing");
			}
			return result;
		}
		catch (DataAccessException ex) {
			if (isCancelled(ex)) {
				throw new QueryTimedOut(this.settings.queryTimeout(), ex);
			}
			throw ex;
		}
	}

	private static boolean isCancelled(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * An interactive query ran longer than the timeout and was cancelled: 503 (the API
	 * answers problem+json, pages show the error page).
	 */
	@ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
	public static class QueryTimedOut extends RuntimeException {

		private final Duration timeout;

		QueryTimedOut(Duration timeout, Throwable cause) {
			super("The query ran longer than " + timeout.toMillis() / 1000.0
					+ " s and was stopped; narrow it (fewer conditions, exact values instead of 'contains', a shorter "
					+ "search text) and try again.", cause);
			this.timeout = timeout;
		}

		public Duration timeout() {
			return this.timeout;
		}

	}

}
