package io.mawasu.crm.domain.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvValuesTests {

	static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	static Instant instant(String text) {
		long micros = CsvValues.epochMicros(text, TOKYO);
		assertThat(micros).as(text).isNotEqualTo(CsvValues.INVALID);
		return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
	}

	@Test
	void dateWithoutTimeIsMidnightInTheShopZone() {
		assertThat(instant("2026-11-01")).isEqualTo(Instant.parse("2026-10-31T15:00:00Z"));
		assertThat(instant("2026/11/1")).isEqualTo(Instant.parse("2026-10-31T15:00:00Z"));
	}

	@Test
	void dateTimesWithAndWithoutOffset() {
		assertThat(instant("2026-11-01T10:15:30+09:00")).isEqualTo(Instant.parse("2026-11-01T01:15:30Z"));
		assertThat(instant("2026-11-01T01:15:30Z")).isEqualTo(Instant.parse("2026-11-01T01:15:30Z"));
		assertThat(instant("2026-11-01T10:15:30.123456")).isEqualTo(Instant.parse("2026-11-01T01:15:30.123456Z"));
		assertThat(instant("2026-11-01 10:15")).isEqualTo(Instant.parse("2026-11-01T01:15:00Z"));
		assertThat(instant("2026/11/01 9:05")).isEqualTo(Instant.parse("2026-11-01T00:05:00Z"));
		assertThat(instant("2026/11/01 09:05:07")).isEqualTo(Instant.parse("2026-11-01T00:05:07Z"));
		assertThat(instant("2026-11-01T10:15:30-0500")).isEqualTo(Instant.parse("2026-11-01T15:15:30Z"));
	}

	@Test
	void rejectsWhatIsNotADate() {
		for (String bad : new String[] { "", "yesterday", "2026-13-01", "2026-02-30", "2026-11-01T25:00", "01/11/2026",
				"2026-11-01X", "2026-11-01T10:15+9" }) {
			assertThat(CsvValues.epochMicros(bad, TOKYO)).as(bad).isEqualTo(CsvValues.INVALID);
		}
	}

	@Test
	void calendarDates() {
		assertThat(CsvValues.date("1990-04-01")).isEqualTo(LocalDate.of(1990, 4, 1));
		assertThat(CsvValues.date("1990/4/1")).isEqualTo(LocalDate.of(1990, 4, 1));
		assertThat(CsvValues.date("1990-04-01T00:00")).isNull();
	}

	@Test
	void decimalsAndIntegers() {
		assertThat(CsvValues.decimal("1234.50")).isEqualTo("1234.50");
		assertThat(CsvValues.decimal("-300")).isEqualTo("-300");
		assertThat(CsvValues.decimal("abc")).isNull();
		assertThat(CsvValues.decimal("1,234")).isNull();
		assertThat(CsvValues.decimal("1234567890123")).isNull();
		assertThat(CsvValues.integer("12")).isEqualTo(12);
		assertThat(CsvValues.integer("1.5")).isNull();
		assertThat(CsvValues.integer("99999999999")).isNull();
	}

}
