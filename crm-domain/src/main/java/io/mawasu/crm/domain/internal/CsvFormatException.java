package io.mawasu.crm.domain.internal;

import java.io.IOException;

/**
 * The input cannot be read as CSV at all (broken quoting, binary content): a file-level
 * error, not a row error.
 */
public class CsvFormatException extends IOException {

	private final long line;

	public CsvFormatException(String message, long line) {
		super("Line " + line + ": " + message);
		this.line = line;
	}

	public long getLine() {
		return this.line;
	}

}
