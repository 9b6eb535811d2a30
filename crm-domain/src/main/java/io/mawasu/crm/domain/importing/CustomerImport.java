package io.mawasu.crm.domain.importing;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import io.mawasu.crm.domain.customer.PhoneNumbers;
import io.mawasu.crm.domain.internal.CopyRows;
import io.mawasu.crm.domain.internal.CsvReader;
import io.mawasu.crm.domain.internal.CsvValues;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Customers by external id. Only the columns the file has are written, so a file with
 * just {@code external_id,email} leaves names and tags alone; an empty cell clears its
 * value.
 */
final class CustomerImport extends CsvImport {

	/** Optional column → the expression turning the staged text into the stored value. */
	private static final Map<String, String> OPTIONAL = new LinkedHashMap<>();

	static {
		OPTIONAL.put("email", "email");
		OPTIONAL.put("phone", "phone");
		OPTIONAL.put("line_user_id", "line_user_id");
		OPTIONAL.put("name", "name");
		OPTIONAL.put("gender", "gender");
		OPTIONAL.put("birth_date", "birth_date");
		OPTIONAL.put("prefecture", "prefecture");
		OPTIONAL.put("city", "city");
		OPTIONAL.put("tags", "coalesce(string_to_array(tags, ';'), '{}')");
		OPTIONAL.put("registered_at", "timestamptz 'epoch' + registered_at * interval '1 microsecond'");
	}

	private final List<String> present = new ArrayList<>();

	private int externalId;

	private int email;

	private int phone;

	private int lineUserId;

	private int name;

	private int gender;

	private int birthDate;

	private int prefecture;

	private int city;

	private int tags;

	private int registeredAt;

	CustomerImport(ZoneId zone, Instant now) {
		super(zone, now);
	}

	@Override
	String name() {
		return "customers";
	}

	@Override
	List<String> required() {
		return List.of("external_id");
	}

	@Override
	void bind(Columns columns) {
		this.externalId = columns.index("external_id");
		this.email = columns.index("email");
		this.phone = columns.index("phone");
		this.lineUserId = columns.index("line_user_id");
		this.name = columns.index("name");
		this.gender = columns.index("gender");
		this.birthDate = columns.index("birth_date");
		this.prefecture = columns.index("prefecture");
		this.city = columns.index("city");
		this.tags = columns.index("tags");
		this.registeredAt = columns.index("registered_at");
		for (String column : OPTIONAL.keySet()) {
			if (columns.has(column)) {
				this.present.add(column);
			}
		}
	}

	@Override
	String createStage() {
		return """
				create temporary table import_customer_stage (
					line bigint not null,
					external_id text collate "C" not null,
					email text,
					phone text,
					phone_e164 text,
					line_user_id text,
					name text,
					gender text,
					birth_date date,
					prefecture text,
					city text,
					tags text,
					registered_at bigint
				) on commit drop
				""";
	}

	@Override
	String copy() {
		return "copy import_customer_stage from stdin";
	}

	@Override
	@Nullable RowError stage(CsvReader row, CopyRows copy) throws SQLException {
		String id = value(row, this.externalId);
		if (id == null) {
			return required("external_id");
		}
		String emailValue = value(row, this.email);
		RowError tooLongEmail = tooLong("email", emailValue, MAX_EMAIL);
		if (tooLongEmail != null) {
			return tooLongEmail;
		}
		if (emailValue != null && !isEmail(emailValue)) {
			return RowError.of("email", "import.reason.email", emailValue);
		}
		String genderValue = value(row, this.gender);
		if (genderValue != null) {
			genderValue = genderValue.toUpperCase(Locale.ROOT);
			if (!genderValue.equals("F") && !genderValue.equals("M") && !genderValue.equals("O")) {
				return RowError.of("gender", "import.reason.gender", genderValue);
			}
		}
		String birthText = value(row, this.birthDate);
		LocalDate birth = null;
		if (birthText != null) {
			birth = CsvValues.date(birthText);
			if (birth == null) {
				return RowError.of("birth_date", "import.reason.date", birthText);
			}
			RowError range = outOfRange("birth_date", birthText, birth);
			if (range != null) {
				return range;
			}
		}
		String registeredText = value(row, this.registeredAt);
		long registered = CsvValues.INVALID;
		if (registeredText != null) {
			registered = CsvValues.epochMicros(registeredText, this.zone);
			if (registered == CsvValues.INVALID) {
				return RowError.of("registered_at", "import.reason.dateTime", registeredText);
			}
			RowError range = outOfRange("registered_at", registeredText, registered);
			if (range != null) {
				return range;
			}
		}
		String phoneValue = value(row, this.phone);
		String lineValue = value(row, this.lineUserId);
		String nameValue = value(row, this.name);
		String prefectureValue = value(row, this.prefecture);
		String cityValue = value(row, this.city);
		String tagsValue = tags(value(row, this.tags));
		for (String[] text : new String[][] { { "external_id", id }, { "phone", phoneValue },
				{ "line_user_id", lineValue }, { "name", nameValue }, { "prefecture", prefectureValue },
				{ "city", cityValue } }) {
			RowError tooLong = tooLong(text[0], text[1], MAX_TEXT);
			if (tooLong != null) {
				return tooLong;
			}
		}
		RowError tooManyTags = tooLong("tags", tagsValue, MAX_TAGS);
		if (tooManyTags != null) {
			return tooManyTags;
		}
		// A phone that is not a number is kept as given (it may still tell a person
		// something) without an E.164 form, so the customer has no SMS address; the
		// import reports it as a warning.
		String phoneE164 = null;
		if (phoneValue != null) {
			phoneE164 = PhoneNumbers.e164(phoneValue).orElse(null);
			if (phoneE164 == null) {
				this.warnings.add(row.line(), "phone", "import.reason.phone", List.of(phoneValue));
			}
		}
		copy.number(row.line())
			.text(id)
			.text(emailValue)
			.text(phoneValue)
			.text(phoneE164)
			.text(lineValue)
			.text(nameValue)
			.text(genderValue)
			.text((birth != null) ? birth.toString() : null)
			.text(prefectureValue)
			.text(cityValue)
			.text(tagsValue);
		if (registered != CsvValues.INVALID) {
			copy.number(registered);
		}
		else {
			copy.text(null);
		}
		copy.endRow();
		return null;
	}

	private static boolean isEmail(String value) {
		int at = value.indexOf('@');
		if (at <= 0 || at != value.lastIndexOf('@') || at == value.length() - 1) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			if (Character.isWhitespace(value.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static @Nullable String tags(@Nullable String text) {
		if (text == null) {
			return null;
		}
		StringJoiner joined = new StringJoiner(";");
		List<String> seen = new ArrayList<>();
		for (String tag : text.split(";")) {
			String stripped = tag.strip();
			if (!stripped.isEmpty() && !seen.contains(stripped)) {
				seen.add(stripped);
				joined.add(stripped);
			}
		}
		return (seen.isEmpty()) ? null : joined.toString();
	}

	@Override
	Applied apply(JdbcClient jdbc, String actor, LineErrors rejections) {
		jdbc.sql("""
				create temporary table import_customer_valid on commit drop as
				select s.*, row_number() over w as occurrence, min(s.line) over w as first_line
				from import_customer_stage s
				window w as (partition by s.external_id collate "C" order by s.line)
				""").update();
		addSqlRejections(jdbc, """
				select line, 'external_id' as field,
					'import.reason.duplicate' as code, array[external_id, first_line::text] as args,
					count(*) over () as total
				from import_customer_valid
				where occurrence > 1
				order by line
				limit :max
				""", rejections);
		StringJoiner columns = new StringJoiner(", ");
		StringJoiner values = new StringJoiner(", ");
		StringJoiner assignments = new StringJoiner(", ");
		StringJoiner current = new StringJoiner(", ", "(", ")");
		StringJoiner incoming = new StringJoiner(", ", "(", ")");
		columns.add("external_id");
		values.add("external_id");
		for (String column : this.present) {
			for (String stored : column.equals("phone") ? List.of("phone", "phone_e164") : List.of(column)) {
				columns.add(stored);
				values.add(OPTIONAL.getOrDefault(stored, stored));
				assignments.add(stored + " = excluded." + stored);
				current.add("c." + stored);
				incoming.add("excluded." + stored);
			}
		}
		// The column names come from the fixed list above, never from the file.
		String conflict = this.present.isEmpty() ? "do nothing"
				: "do update set " + assignments + ", updated_at = now(), version = c.version + 1 where row" + current
						+ " is distinct from row" + incoming;
		return jdbc.sql("""
				with up as (
					insert into domain.customer as c (%s)
					select %s from import_customer_valid where occurrence = 1
					on conflict (external_id) %s
					returning (c.xmax = 0) as inserted
				)
				select count(*) filter (where inserted) as inserted, count(*) filter (where not inserted) as updated
				from up
				""".formatted(columns, values, conflict))
			.query((rs, n) -> new Applied(rs.getLong(1), rs.getLong(2)))
			.single();
	}

}
