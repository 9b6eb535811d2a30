package io.mawasu.crm.domain.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * A small streaming RFC 4180 reader: comma-separated, fields optionally quoted with
 * {@code "}, quotes doubled inside quoted fields, records ended by CRLF, LF or CR. It
 * keeps the physical line each record starts on (a quoted field spanning lines counts
 * them all), skips a leading byte order mark and reuses its buffers, so reading a file
 * allocates little more than the field strings. A field is at most
 * {@value #MAX_FIELD_LENGTH} characters and a record at most {@value #MAX_FIELDS} fields,
 * so a quote never closed or a file without line breaks is refused with its line instead
 * of being held in memory whole.
 */
public final class CsvReader implements Closeable {

	private static final int COMMA = 0;

	private static final int END = 1;

	/**
	 * The longest field accepted, in characters (far above any customer or order value).
	 */
	public static final int MAX_FIELD_LENGTH = 100_000;

	/** The most fields one record may have. */
	public static final int MAX_FIELDS = 1_000;

	private final Reader in;

	private final char[] buf = new char[1 << 16];

	private int pos;

	private int limit;

	private boolean eof;

	private final StringBuilder quoted = new StringBuilder(64);

	private String[] fields = new String[16];

	private int size;

	private long line = 1;

	private long recordLine = 1;

	private boolean started;

	public CsvReader(Reader in) {
		this.in = in;
	}

	/**
	 * Reads the next record.
	 * @return false at the end of the input
	 * @throws CsvFormatException when the quoting is broken or the input is not text
	 */
	public boolean next() throws IOException {
		this.size = 0;
		if (!this.started) {
			this.started = true;
			if (available() && this.buf[this.pos] == '\uFEFF') {
				this.pos++;
			}
		}
		if (!available()) {
			return false;
		}
		this.recordLine = this.line;
		while (readField() == COMMA) {
			// next field of the same record
		}
		return true;
	}

	/** The number of fields of the current record. */
	public int size() {
		return this.size;
	}

	/** A field of the current record, never null (an empty field is ""). */
	public String get(int index) {
		return this.fields[index];
	}

	/** The physical line (1-based) the current record starts on. */
	public long line() {
		return this.recordLine;
	}

	/**
	 * True when the current record has no content at all (a blank line or only commas).
	 */
	public boolean isBlank() {
		for (int i = 0; i < this.size; i++) {
			if (!this.fields[i].isEmpty()) {
				return false;
			}
		}
		return true;
	}

	private boolean available() throws IOException {
		if (this.pos < this.limit) {
			return true;
		}
		if (this.eof) {
			return false;
		}
		int n;
		do {
			n = this.in.read(this.buf, 0, this.buf.length);
		}
		while (n == 0);
		this.pos = 0;
		if (n < 0) {
			this.limit = 0;
			this.eof = true;
			return false;
		}
		this.limit = n;
		return true;
	}

	private int readField() throws IOException {
		if (!available()) {
			add("");
			return END;
		}
		if (this.buf[this.pos] == '"') {
			this.pos++;
			return readQuoted();
		}
		StringBuilder spill = null;
		int start = this.pos;
		while (true) {
			if (this.pos >= this.limit) {
				if (spill == null) {
					spill = this.quoted;
					spill.setLength(0);
				}
				spill.append(this.buf, start, this.pos - start);
				checkLength(spill);
				if (!available()) {
					add(spill.toString());
					return END;
				}
				start = this.pos;
			}
			char c = this.buf[this.pos];
			if (c == ',' || c == '\n' || c == '\r') {
				String value;
				if (spill == null) {
					value = (this.pos == start) ? "" : new String(this.buf, start, this.pos - start);
				}
				else {
					spill.append(this.buf, start, this.pos - start);
					checkLength(spill);
					value = spill.toString();
				}
				add(value);
				this.pos++;
				if (c == ',') {
					return COMMA;
				}
				endOfLine(c);
				return END;
			}
			if (c == '"') {
				throw new CsvFormatException("a quote (\") inside an unquoted field; quote the whole field", this.line);
			}
			if (c == 0) {
				throw new CsvFormatException("binary content (NUL character); this is not a CSV text file", this.line);
			}
			this.pos++;
		}
	}

	private int readQuoted() throws IOException {
		long startLine = this.line;
		StringBuilder value = this.quoted;
		value.setLength(0);
		while (true) {
			if (!available()) {
				throw new CsvFormatException("a quoted field starting here is never closed", startLine);
			}
			char c = this.buf[this.pos++];
			if (c == '"') {
				if (!available()) {
					add(value.toString());
					return END;
				}
				char after = this.buf[this.pos];
				if (after == '"') {
					value.append('"');
					this.pos++;
					continue;
				}
				if (after == ',' || after == '\n' || after == '\r') {
					add(value.toString());
					this.pos++;
					if (after == ',') {
						return COMMA;
					}
					endOfLine(after);
					return END;
				}
				throw new CsvFormatException("unexpected character after a closing quote; double quotes inside a field",
						this.line);
			}
			if (c == '\n') {
				this.line++;
			}
			else if (c == '\r') {
				this.line++;
				value.append(c);
				if (available() && this.buf[this.pos] == '\n') {
					this.pos++;
					c = '\n';
				}
				else {
					continue;
				}
			}
			else if (c == 0) {
				throw new CsvFormatException("binary content (NUL character); this is not a CSV text file", this.line);
			}
			value.append(c);
			if (value.length() > MAX_FIELD_LENGTH) {
				throw tooLong(startLine);
			}
		}
	}

	private void checkLength(StringBuilder value) throws CsvFormatException {
		if (value.length() > MAX_FIELD_LENGTH) {
			throw tooLong(this.line);
		}
	}

	private static CsvFormatException tooLong(long line) {
		return new CsvFormatException(
				"a field longer than " + MAX_FIELD_LENGTH
						+ " characters (a quote never closed, or no line breaks?); this is not a CSV file we can read",
				line);
	}

	private void endOfLine(char c) throws IOException {
		this.line++;
		if (c == '\r' && available() && this.buf[this.pos] == '\n') {
			this.pos++;
		}
	}

	private void add(String value) throws CsvFormatException {
		if (this.size == MAX_FIELDS) {
			throw new CsvFormatException("more than " + MAX_FIELDS + " fields in one record", this.recordLine);
		}
		if (this.size == this.fields.length) {
			this.fields = Arrays.copyOf(this.fields, this.size * 2);
		}
		this.fields[this.size++] = value;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
