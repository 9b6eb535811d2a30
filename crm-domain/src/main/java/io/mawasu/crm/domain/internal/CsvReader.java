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
 * allocates little more than the field strings.
 */
public final class CsvReader implements Closeable {

	private static final int COMMA = 0;

	private static final int END = 1;

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
		}
	}

	private void endOfLine(char c) throws IOException {
		this.line++;
		if (c == '\r' && available() && this.buf[this.pos] == '\n') {
			this.pos++;
		}
	}

	private void add(String value) {
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
