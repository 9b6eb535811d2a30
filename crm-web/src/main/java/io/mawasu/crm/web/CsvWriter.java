package io.mawasu.crm.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * The one way the product writes CSV (RFC 4180, CRLF line ends): every export goes
 * through it. A text cell starting with {@code = + - @}, a tab or a carriage return is
 * prefixed with {@code '} so that a spreadsheet shows it as text instead of running it as
 * a formula (OWASP "CSV injection"); a cell holding a comma, quote or line break is
 * quoted. Numbers are written as plain decimals and never prefixed, so a negative amount
 * stays a number; null is an empty cell.
 */
public final class CsvWriter {

	private final Appendable out;

	/** Writes to the given target (a {@link java.io.Writer}, a {@link StringBuilder}). */
	public CsvWriter(Appendable out) {
		this.out = out;
	}

	/**
	 * Writes one row; the cells are text, numbers or null.
	 * @throws UncheckedIOException when the target cannot be written
	 */
	public CsvWriter row(@Nullable Object... cells) {
		try {
			for (int i = 0; i < cells.length; i++) {
				if (i > 0) {
					this.out.append(',');
				}
				this.out.append(cell(cells[i]));
			}
			this.out.append("\r\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return this;
	}

	/** One cell as it is written: neutralised and quoted as needed. */
	public static String cell(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		String text;
		if (value instanceof BigDecimal number) {
			text = number.toPlainString();
		}
		else if (value instanceof Number || value instanceof Boolean) {
			text = value.toString();
		}
		else {
			text = neutralise(value.toString());
		}
		if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
			return '"' + text.replace("\"", "\"\"") + '"';
		}
		return text;
	}

	private static String neutralise(String text) {
		if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			return "'" + text;
		}
		return text;
	}

}
