package io.mawasu.crm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Module boundaries in SQL (DESIGN: each module's SQL API is the read-only views it
 * publishes): the SQL text of every module's main code — Java string literals and text
 * blocks, and {@code .sql} resources other than the module's own migrations — names no
 * table of another module's schema. Views ({@code v_*}) are the allowed way in. The
 * tables of a schema are those its owning module's migrations create.
 */
class SqlBoundaryTests {

	static final Path ROOT = Path.of("..");

	/**
	 * Maven module → the schema it owns (crm-domain also owns the shared __root setup).
	 */
	static final Map<String, String> MODULES = Map.of("crm-domain", "domain", "crm-segmentation", "segmentation",
			"crm-delivery", "delivery", "crm-scenario", "scenario", "crm-analytics", "analytics", "crm-web", "web");

	static final Pattern CREATE_TABLE = Pattern.compile(
			"create\\s+(?:unlogged\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?(\\w+)\\.(\\w+)",
			Pattern.CASE_INSENSITIVE);

	static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])(\\w+)\\.(\\w+)\\b");

	@Test
	void noModuleNamesAnotherModulesTables() throws IOException {
		Map<String, Set<String>> tables = tablesBySchema();
		assertThat(tables.get("domain")).contains("customer", "orders", "consent", "suppression");
		assertThat(tables.get("delivery")).contains("message");
		List<String> violations = new ArrayList<>();
		for (Map.Entry<String, String> module : MODULES.entrySet()) {
			Path main = ROOT.resolve(module.getKey()).resolve("src/main");
			String own = module.getValue();
			for (Path file : files(main.resolve("java"), ".java")) {
				for (String literal : stringLiterals(Files.readString(file, StandardCharsets.UTF_8))) {
					violations.addAll(crossings(file, literal, own, tables));
				}
			}
			Path ownMigrations = main.resolve("resources/db/migration/" + own);
			Path rootMigrations = main.resolve("resources/db/migration/__root");
			for (Path file : files(main.resolve("resources"), ".sql")) {
				if (file.startsWith(ownMigrations) || (own.equals("domain") && file.startsWith(rootMigrations))) {
					continue;
				}
				violations.addAll(crossings(file, Files.readString(file, StandardCharsets.UTF_8), own, tables));
			}
		}
		assertThat(violations).as("SQL naming another module's tables (read its v_* views instead)").isEmpty();
	}

	@Test
	void findsTablesInTextBlocksAndStringsButNotInComments() {
		Map<String, Set<String>> tables = Map.of("domain", Set.of("customer", "orders"));
		String java = """
				// select * from domain.customer
				/* domain.orders */
				String a = \"""
						select * from domain.v_customer c join domain.orders o on o.customer_id = c.id
						\""";
				String b = "left join domain.customer c on c.id = s.customer_id";
				String c = "io.mawasu.crm.domain.customer.Customer";
				char d = '"';
				""";
		List<String> crossings = new ArrayList<>();
		for (String literal : stringLiterals(java)) {
			crossings.addAll(crossings(Path.of("X.java"), literal, "segmentation", tables));
		}
		assertThat(crossings).containsExactly("X.java: domain.orders", "X.java: domain.customer");
		assertThat(crossings(Path.of("Y.java"), "select 1 from domain.customer", "domain", tables)).isEmpty();
	}

	/** The tables every module's migrations create, by schema. */
	static Map<String, Set<String>> tablesBySchema() throws IOException {
		Map<String, Set<String>> tables = new HashMap<>();
		for (Map.Entry<String, String> module : MODULES.entrySet()) {
			Path migrations = ROOT.resolve(module.getKey()).resolve("src/main/resources/db/migration");
			for (Path file : files(migrations, ".sql")) {
				Matcher m = CREATE_TABLE.matcher(Files.readString(file, StandardCharsets.UTF_8));
				while (m.find()) {
					tables.computeIfAbsent(m.group(1).toLowerCase(Locale.ROOT), (schema) -> new HashSet<>())
						.add(m.group(2).toLowerCase(Locale.ROOT));
				}
			}
		}
		return tables;
	}

	static List<String> crossings(Path file, String sql, String own, Map<String, Set<String>> tables) {
		List<String> found = new ArrayList<>();
		Matcher m = QUALIFIED.matcher(sql);
		while (m.find()) {
			String schema = m.group(1).toLowerCase(Locale.ROOT);
			String name = m.group(2).toLowerCase(Locale.ROOT);
			if (!schema.equals(own) && !name.startsWith("v_") && tables.getOrDefault(schema, Set.of()).contains(name)) {
				found.add(file.toString().replace('\\', '/').replaceFirst("^\\.\\./", "") + ": " + schema + "." + name);
			}
		}
		return found;
	}

	/**
	 * The contents of a Java source's string literals and text blocks (escapes left as
	 * written), skipping comments and character literals.
	 */
	static List<String> stringLiterals(String source) {
		List<String> literals = new ArrayList<>();
		int i = 0;
		int n = source.length();
		while (i < n) {
			char c = source.charAt(i);
			if (source.startsWith("//", i)) {
				int end = source.indexOf('\n', i);
				i = (end < 0) ? n : end + 1;
			}
			else if (source.startsWith("/*", i)) {
				int end = source.indexOf("*/", i + 2);
				i = (end < 0) ? n : end + 2;
			}
			else if (source.startsWith("\"\"\"", i)) {
				int start = i + 3;
				int end = start;
				while (end < n && !source.startsWith("\"\"\"", end)) {
					end += (source.charAt(end) == '\\') ? 2 : 1;
				}
				literals.add(source.substring(start, Math.min(end, n)));
				i = end + 3;
			}
			else if (c == '"' || c == '\'') {
				int end = i + 1;
				while (end < n && source.charAt(end) != c && source.charAt(end) != '\n') {
					end += (source.charAt(end) == '\\') ? 2 : 1;
				}
				if (c == '"') {
					literals.add(source.substring(i + 1, Math.min(end, n)));
				}
				i = end + 1;
			}
			else {
				i++;
			}
		}
		return literals;
	}

	private static List<Path> files(Path folder, String suffix) {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> walk = Files.walk(folder)) {
			return walk.filter((p) -> p.toString().endsWith(suffix)).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
