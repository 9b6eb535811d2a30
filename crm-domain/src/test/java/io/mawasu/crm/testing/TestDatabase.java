package io.mawasu.crm.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.testcontainers.DockerClientFactory;

import org.springframework.boot.SpringApplication;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one PostgreSQL database of a test JVM, chosen in the order of DESIGN.md §7:
 * {@code CRM_TEST_DATABASE_URL} when set, a Testcontainers PostgreSQL when Docker runs,
 * otherwise a throwaway database on the local server that is dropped when the JVM exits.
 */
public final class TestDatabase {

	static final String LOCAL_SERVER = "jdbc:postgresql://localhost:5432/postgres";

	static final String PREFIX = "crm_test_";

	private static volatile Coordinates coordinates;

	private TestDatabase() {
	}

	public record Coordinates(String url, String username, String password) {
	}

	public static Coordinates get() {
		Coordinates result = coordinates;
		if (result == null) {
			synchronized (TestDatabase.class) {
				result = coordinates;
				if (result == null) {
					result = create();
					coordinates = result;
				}
			}
		}
		return result;
	}

	private static Coordinates create() {
		String url = System.getenv("CRM_TEST_DATABASE_URL");
		if (url != null && !url.isBlank()) {
			return new Coordinates(url, env("CRM_TEST_DATABASE_USERNAME", "postgres"),
					env("CRM_TEST_DATABASE_PASSWORD", ""));
		}
		if (dockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
			container.start();
			return new Coordinates(container.getJdbcUrl(), container.getUsername(), container.getPassword());
		}
		return throwawayLocalDatabase();
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	private static Coordinates throwawayLocalDatabase() {
		String user = env("CRM_TEST_LOCAL_USERNAME", "postgres");
		String password = env("CRM_TEST_LOCAL_PASSWORD", "");
		String name = PREFIX
				+ DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(Instant.now()) + "_"
				+ Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
		try (Connection connection = DriverManager.getConnection(LOCAL_SERVER, user, password);
				Statement statement = connection.createStatement()) {
			dropLeftovers(statement);
			// The name is generated above from digits and hex only, never from input.
			statement.execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("No test database: set CRM_TEST_DATABASE_URL, start Docker, or run "
					+ "PostgreSQL on localhost:5432 with user postgres (" + ex.getMessage() + ")", ex);
		}
		// Spring Boot runs its shutdown handlers after closing every context, which still
		// need the database.
		SpringApplication.getShutdownHandlers().add(() -> drop(name, user, password));
		return new Coordinates("jdbc:postgresql://localhost:5432/" + name, user, password);
	}

	/**
	 * Databases left by killed runs (older than six hours) are removed before a new one
	 * is made.
	 */
	private static void dropLeftovers(Statement statement) throws SQLException {
		String cutoff = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
			.withZone(ZoneOffset.UTC)
			.format(Instant.now().minusSeconds(6 * 3600));
		List<String> old = new ArrayList<>();
		try (ResultSet rs = statement
			.executeQuery("select datname from pg_database where datname like '" + PREFIX + "%'")) {
			while (rs.next()) {
				String db = rs.getString(1);
				String stamp = db.substring(PREFIX.length(), Math.min(db.length(), PREFIX.length() + 14));
				if (stamp.matches("\\d{14}") && stamp.compareTo(cutoff) < 0) {
					old.add(db);
				}
			}
		}
		for (String db : old) {
			statement.execute("drop database if exists \"" + db + "\" with (force)");
		}
	}

	private static void drop(String name, String user, String password) {
		try (Connection connection = DriverManager.getConnection(LOCAL_SERVER, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists " + name + " with (force)");
		}
		catch (SQLException ex) {
			System.err.println("Could not drop test database " + name + ": " + ex.getMessage());
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null) ? value : fallback;
	}

}
