package io.mawasu.crm.web.clv;

/**
 * One CSV cell: a text that a spreadsheet would read as a formula (starting with =, +,
 * -, @, TAB or CR) gets a leading {@code '}, and a cell with a comma, quote or line break
 * is quoted (RFC 4180).
 */
final class CsvCells {

	private CsvCells() {
	}

	static String cell(String value) {
		String text = value;
		if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
			return text;
		}
		return '"' + text.replace("\"", "\"\"") + '"';
	}

}
