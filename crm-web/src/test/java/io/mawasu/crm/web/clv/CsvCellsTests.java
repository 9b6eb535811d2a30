package io.mawasu.crm.web.clv;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellsTests {

	@Test
	void formulasAreDefusedAndSpecialCharactersQuoted() {
		assertThat(CsvCells.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
		assertThat(CsvCells.cell("+81")).isEqualTo("'+81");
		assertThat(CsvCells.cell("-1")).isEqualTo("'-1");
		assertThat(CsvCells.cell("@sum")).isEqualTo("'@sum");
		assertThat(CsvCells.cell("\tx")).isEqualTo("'\tx");
		assertThat(CsvCells.cell("\rx")).isEqualTo("\"'\rx\"");
		assertThat(CsvCells.cell("a,b")).isEqualTo("\"a,b\"");
		assertThat(CsvCells.cell("00004")).isEqualTo("00004");
	}

}
