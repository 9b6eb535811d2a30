package io.mawasu.crm.web;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvWriterTests {

	@Test
	void formulasAreDefusedAndSpecialCharactersQuoted() {
		assertThat(CsvWriter.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
		assertThat(CsvWriter.cell("=1+1")).isEqualTo("'=1+1");
		assertThat(CsvWriter.cell("+SUM(A1)")).isEqualTo("'+SUM(A1)");
		assertThat(CsvWriter.cell("-2")).isEqualTo("'-2");
		assertThat(CsvWriter.cell("@cmd")).isEqualTo("'@cmd");
		assertThat(CsvWriter.cell("\tx")).isEqualTo("'\tx");
		assertThat(CsvWriter.cell("\rx")).isEqualTo("\"'\rx\"");
		assertThat(CsvWriter.cell("a,b")).isEqualTo("\"a,b\"");
		assertThat(CsvWriter.cell("00004")).isEqualTo("00004");
	}

	@Test
	void numbersStayNumbersAndNullIsEmpty() {
		assertThat(CsvWriter.cell(-2)).isEqualTo("-2");
		assertThat(CsvWriter.cell(new BigDecimal("-1E+3"))).isEqualTo("-1000");
		assertThat(CsvWriter.cell(null)).isEmpty();
		StringBuilder out = new StringBuilder();
		new CsvWriter(out).row("a", 1, null, "=x").row("b");
		assertThat(out).hasToString("a,1,,'=x\r\nb\r\n");
	}

}
