package io.mawasu.crm.domain.importing;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
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

	/** The earliest date any imported date may have. */
	static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

	/** How far ahead of now an imported time may be (clock skew, time zones). */
	static final Duration AHEAD = Duration.ofDays(1);

	/** The longest names, cities, prefectures, external ids, categories and brands. */
	static final int MAX_TEXT = 200;

	/** The longest email address (RFC 5321's path limit). */
	static final int MAX_EMAIL = 254;

	/** The longest list of tags of one customer, joined with {@code ;}. */
	static final int MAX_TAGS = 2000;

	final ZoneId zone;

	/** Rows stored with a value left aside, reported beside the rejected ones. */
	final LineErrors warnings = new LineErrors();

	private final long earliestMicros;

	private final long latestMicros;

	private final Instant latest;

	private final LocalDate latestDate;

	/**
	 * @param zone the shop's zone, for dates without a time or offset
	 * @param now the time of the import, bounding the dates it accepts
	 */
	CsvImport(ZoneId zone, Instant now) {
		this.zone = zone;
		this.earliestMicros = EARLIEST.atStartOfDay(zone).toEpochSecond() * 1_000_000L;
		this.latest = now.plus(AHEAD);
		this.latestMicros = this.latest.getEpochSecond() * 1_000_000L + this.latest.getNano() / 1000;
		this.latestDate = this.latest.atZone(zone).toLocalDate();
	}

	/**
	 * Rejects an instant before {@link #EARLIEST} or more than {@link #AHEAD} in the
	 * future: a date in the future would outrank every later real change.
	 */
	@Nullable RowError outOfRange(String field, String text, long micros) {
		if (micros < this.earliestMicros) {
			return RowError.of(field, "import.reason.beforeEarliest", text, EARLIEST);
		}
		if (micros > this.latestMicros) {
			return RowError.of(field, "import.reason.futureTime", text, field,
					this.latest.atZone(this.zone).toOffsetDateTime());
		}
		return null;
	}

	/** Rejects a calendar date before {@link #EARLIEST} or after tomorrow. */
	@Nullable RowError outOfRange(String field, String text, LocalDate date) {
		if (date.isBefore(EARLIEST)) {
			return RowError.of(field, "import.reason.beforeEarliest", text, EARLIEST);
		}
		if (date.isAfter(this.latestDate)) {
			return RowError.of(field, "import.reason.futureDate", text, field, this.latestDate);
		}
		return null;
	}

	/** Rejects a value longer than {@code max} characters. */
	static @Nullable RowError tooLong(String field, @Nullable String value, int max) {
		if (value != null && value.length() > max) {
			return RowError.of(field, "import.reason.tooLong", field, value.length(), max);
		}
		return null;
	}

	/**
	 * A rejected row's field and reason: a message key ({@code import.reason.*}) and its
	 * arguments.
	 */
	record RowError(String field, String code, List<String> args) {

		static RowError of(String field, String code, Object... args) {
			return new RowError(field, code, Arrays.stream(args).map(String::valueOf).toList());
		}

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
	abstract Applied apply(JdbcClient jdbc, String actor, LineErrors rejections);

	static @Nullable String value(CsvReader row, int index) {
		if (index < 0) {
			return null;
		}
		String value = row.get(index).strip();
		return value.isEmpty() ? null : value;
	}

	static RowError required(String column) {
		return RowError.of(column, "import.reason.required", column);
	}

	/**
	 * Reads the errors that a staging query reports as {@code line, field, code, args
	 * (text[]), total} (first {@link ImportResult#MAX_ERRORS} by line, total = all of
	 * them).
	 */
	static void addSqlRejections(JdbcClient jdbc, String sql, LineErrors rejections) {
		long[] total = { 0 };
		List<ImportError> errors = jdbc.sql(sql).param("max", ImportResult.MAX_ERRORS).query((rs, n) -> {
			total[0] = rs.getLong("total");
			return new ImportError(rs.getLong("line"), rs.getString("field"), rs.getString("code"),
					List.of((String[]) rs.getArray("args").getArray()));
		}).list();
		rejections.addAll(errors, total[0]);
	}

}
