package io.mawasu.crm.domain.internal;

import java.sql.Connection;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes rows to a PostgreSQL {@code COPY … FROM STDIN} in text format, encoding and
 * escaping straight into a reused byte buffer (no per-row strings or arrays). Values of a
 * row are written in column order and the row is closed with {@link #endRow()}.
 */
public final class CopyRows implements AutoCloseable {

	private final CopyIn copy;

	private final byte[] buf = new byte[1 << 16];

	private int n;

	private boolean first = true;

	private long rows;

	private boolean finished;

	public CopyRows(Connection connection, String copySql) throws SQLException {
		this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
	}

	/** A text value; null becomes SQL NULL. */
	public CopyRows text(@Nullable String value) throws SQLException {
		separate();
		if (value == null) {
			nul();
			return this;
		}
		for (int i = 0, length = value.length(); i < length; i++) {
			char c = value.charAt(i);
			if (this.n + 4 > this.buf.length) {
				flush();
			}
			if (c < 0x80) {
				switch (c) {
					case '\\' -> twoBytes('\\', '\\');
					case '\t' -> twoBytes('\\', 't');
					case '\n' -> twoBytes('\\', 'n');
					case '\r' -> twoBytes('\\', 'r');
					default -> this.buf[this.n++] = (byte) c;
				}
			}
			else if (c < 0x800) {
				this.buf[this.n++] = (byte) (0xC0 | (c >> 6));
				this.buf[this.n++] = (byte) (0x80 | (c & 0x3F));
			}
			else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
				int cp = Character.toCodePoint(c, value.charAt(++i));
				this.buf[this.n++] = (byte) (0xF0 | (cp >> 18));
				this.buf[this.n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
				this.buf[this.n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
				this.buf[this.n++] = (byte) (0x80 | (cp & 0x3F));
			}
			else {
				int cp = Character.isSurrogate(c) ? 0xFFFD : c;
				this.buf[this.n++] = (byte) (0xE0 | (cp >> 12));
				this.buf[this.n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
				this.buf[this.n++] = (byte) (0x80 | (cp & 0x3F));
			}
		}
		return this;
	}

	public CopyRows number(long value) throws SQLException {
		separate();
		if (this.n + 20 > this.buf.length) {
			flush();
		}
		if (value < 0) {
			if (value == Long.MIN_VALUE) {
				for (char c : Long.toString(value).toCharArray()) {
					this.buf[this.n++] = (byte) c;
				}
				return this;
			}
			this.buf[this.n++] = '-';
			value = -value;
		}
		int end = this.n + digits(value);
		int i = end;
		do {
			this.buf[--i] = (byte) ('0' + (value % 10));
			value /= 10;
		}
		while (value != 0);
		this.n = end;
		return this;
	}

	public CopyRows endRow() throws SQLException {
		if (this.n + 1 > this.buf.length) {
			flush();
		}
		this.buf[this.n++] = '\n';
		this.first = true;
		this.rows++;
		return this;
	}

	/** Sends the remaining rows and ends the COPY; returns the rows the server took. */
	public long finish() throws SQLException {
		flush();
		this.finished = true;
		return this.copy.endCopy();
	}

	public long rows() {
		return this.rows;
	}

	@Override
	public void close() throws SQLException {
		if (!this.finished && this.copy.isActive()) {
			this.copy.cancelCopy();
		}
	}

	private static int digits(long value) {
		int d = 1;
		while (value >= 10) {
			value /= 10;
			d++;
		}
		return d;
	}

	private void separate() throws SQLException {
		if (this.n + 3 > this.buf.length) {
			flush();
		}
		if (this.first) {
			this.first = false;
		}
		else {
			this.buf[this.n++] = '\t';
		}
	}

	private void nul() {
		this.buf[this.n++] = '\\';
		this.buf[this.n++] = 'N';
	}

	private void twoBytes(char a, char b) {
		this.buf[this.n++] = (byte) a;
		this.buf[this.n++] = (byte) b;
	}

	private void flush() throws SQLException {
		if (this.n > 0) {
			this.copy.writeToCopy(this.buf, 0, this.n);
			this.n = 0;
		}
	}

}
