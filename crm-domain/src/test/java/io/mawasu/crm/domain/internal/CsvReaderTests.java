package io.mawasu.crm.domain.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvReaderTests {

	record Row(long line, List<String> fields) {
	}

	static List<Row> read(Reader in) throws IOException {
		List<Row> rows = new ArrayList<>();
		try (CsvReader reader = new CsvReader(in)) {
			while (reader.next()) {
				List<String> fields = new ArrayList<>();
				for (int i = 0; i < reader.size(); i++) {
					fields.add(reader.get(i));
				}
				rows.add(new Row(reader.line(), fields));
			}
		}
		return rows;
	}

	static List<Row> read(String csv) throws IOException {
		return read(new StringReader(csv));
	}

	@Test
	void readsPlainFieldsWithAnyLineEnding() throws IOException {
		assertThat(read("a,b,c\n1,2,3\r\n4,,6\r7,8,9")).containsExactly(new Row(1, List.of("a", "b", "c")),
				new Row(2, List.of("1", "2", "3")), new Row(3, List.of("4", "", "6")),
				new Row(4, List.of("7", "8", "9")));
	}

	@Test
	void quotedFieldsKeepCommasQuotesAndLineBreaksAndCountPhysicalLines() throws IOException {
		List<Row> rows = read("id,note\n1,\"a, \"\"b\"\"\"\n2,\"line one\r\nline two\nline three\"\n3,x\n");
		assertThat(rows).containsExactly(new Row(1, List.of("id", "note")), new Row(2, List.of("1", "a, \"b\"")),
				new Row(3, List.of("2", "line one\r\nline two\nline three")), new Row(6, List.of("3", "x")));
	}

	@Test
	void trailingEmptyFieldAndBlankLines() throws IOException {
		try (CsvReader reader = new CsvReader(new StringReader("a,\n\n,\n"))) {
			assertThat(reader.next()).isTrue();
			assertThat(reader.size()).isEqualTo(2);
			assertThat(reader.get(1)).isEmpty();
			assertThat(reader.next()).isTrue();
			assertThat(reader.isBlank()).isTrue();
			assertThat(reader.line()).isEqualTo(2);
			assertThat(reader.next()).isTrue();
			assertThat(reader.isBlank()).isTrue();
			assertThat(reader.next()).isFalse();
		}
	}

	@Test
	void aFieldOrARecordBeyondItsLimitIsRefusedWithItsLineNotHeldInMemory() {
		String unclosed = "external_id,name\nc1,\"" + "x".repeat(CsvReader.MAX_FIELD_LENGTH + 10) + "\nc2,b\n";
		assertThatThrownBy(() -> read(unclosed)).isInstanceOf(CsvFormatException.class)
			.hasMessageStartingWith("Line 2: a field longer than 100000 characters");
		String noLineBreaks = "a,b\n" + "y".repeat(CsvReader.MAX_FIELD_LENGTH + 1);
		assertThatThrownBy(() -> read(noLineBreaks)).isInstanceOf(CsvFormatException.class)
			.hasMessageContaining("longer than");
		String wide = "a\n" + ",".repeat(CsvReader.MAX_FIELDS) + "\n";
		assertThatThrownBy(() -> read(wide)).isInstanceOf(CsvFormatException.class)
			.hasMessage("Line 2: more than 1000 fields in one record");
		String longest = "z".repeat(CsvReader.MAX_FIELD_LENGTH);
		assertThatCode(() -> assertThat(read("\"" + longest + "\"," + longest)).first()
			.isEqualTo(new Row(1, List.of(longest, longest)))).doesNotThrowAnyException();
	}

	@Test
	void skipsByteOrderMark() throws IOException {
		assertThat(read("\uFEFFexternal_id\nc1")).first().isEqualTo(new Row(1, List.of("external_id")));
	}

	@Test
	void fieldsLongerThanTheBufferAreRead() throws IOException {
		// longer than the 64K read buffer, within the 100,000-character field limit
		String longValue = "x".repeat(90_000);
		String quotedValue = "y,\n".repeat(30_000);
		List<Row> rows = read("a,b\n" + longValue + ",\"" + quotedValue + "\"\nend,z\n");
		assertThat(rows.get(1).fields()).containsExactly(longValue, quotedValue);
		assertThat(rows.get(2)).isEqualTo(new Row(30_003, List.of("end", "z")));
	}

	@Test
	void unterminatedQuoteIsAFormatErrorNamingItsLine() {
		assertThatExceptionOfType(CsvFormatException.class).isThrownBy(() -> read("a,b\n1,2\n3,\"open\n4,5\n"))
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(3));
	}

	@Test
	void textAfterAClosingQuoteIsAFormatError() {
		assertThatExceptionOfType(CsvFormatException.class).isThrownBy(() -> read("a\n\"x\"y\n"));
	}

	@Test
	void strayQuoteInAnUnquotedFieldIsAFormatError() {
		assertThatExceptionOfType(CsvFormatException.class).isThrownBy(() -> read("a\nab\"c\n"));
	}

	@Test
	void binaryContentIsAFormatError() {
		assertThatExceptionOfType(CsvFormatException.class).isThrownBy(() -> read("a\n\u0000\u0001\n"));
	}

	@Test
	void detectsUtf8AndFallsBackToWindows31J() throws IOException {
		byte[] sjis = "external_id,name\nc1,山田花子\n".getBytes(CsvDecoding.WINDOWS_31J);
		byte[] utf8 = "external_id,name\nc1,山田花子\n".getBytes(StandardCharsets.UTF_8);
		assertThat(read(CsvDecoding.reader(new ByteArrayInputStream(sjis), null)).get(1).fields()).containsExactly("c1",
				"山田花子");
		assertThat(read(CsvDecoding.reader(new ByteArrayInputStream(utf8), null)).get(1).fields()).containsExactly("c1",
				"山田花子");
	}

}
