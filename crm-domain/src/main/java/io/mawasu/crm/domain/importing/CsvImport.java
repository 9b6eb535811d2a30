package io.mawasu.crm.domain.importing;

import java.sql.SQLException;
import java.util.List;

import io.mawasu.crm.domain.internal.CopyRows;
import io.mawasu.crm.domain.internal.CsvReader;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One kind of import: its columns, how a row is checked and staged through COPY into a
 * temporary table, and the set-based statements that apply the staged rows.
 */
abstract class CsvImport {

	/** A rejected row's field and reason. */
	record RowError(String field, String message) {
	}

	/** What applying the staged rows did. */
	record Applied(long inserted, long updated) {
	}

	/** The kind's name in logs. */
	abstract String name();

	abstract List<String> required();

	/** Reads the header; called once before any row. */
	abstract void bind(Columns columns);

	/** The statements creating the temporary staging table (dropped at commit). */
	abstract String createStage();

	/** The {@code COPY … FROM STDIN} statement filling the staging table. */
	abstract String copy();

	/**
	 * Checks one row and, when it is good, writes it to the COPY stream.
	 * @return the error when the row is rejected, else null
	 */
	abstract @Nullable RowError stage(CsvReader row, CopyRows copy) throws SQLException;

	/**
	 * Applies the staged rows, adding the rows rejected in SQL (duplicates, unknown
	 * references).
	 */
	abstract Applied apply(JdbcClient jdbc, String actor, Rejections rejections);

	static @Nullable String value(CsvReader row, int index) {
		if (index < 0) {
			return null;
		}
		String value = row.get(index).strip();
		return value.isEmpty() ? null : value;
	}

	static String required(String column) {
		return column + " is required";
	}

	/**
	 * Reads the errors that a staging query reports as {@code line, field, message,
	 * total} (first {@link ImportResult#MAX_ERRORS} by line, total = all of them).
	 */
	static void addSqlRejections(JdbcClient jdbc, String sql, Rejections rejections) {
		long[] total = { 0 };
		List<ImportError> errors = jdbc.sql(sql).param("max", ImportResult.MAX_ERRORS).query((rs, n) -> {
			total[0] = rs.getLong("total");
			return new ImportError(rs.getLong("line"), rs.getString("field"), rs.getString("message"));
		}).list();
		rejections.addAll(errors, total[0]);
	}

}
