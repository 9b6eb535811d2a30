package io.mawasu.crm.domain.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

/**
 * Parsers for the values of imported CSV cells, written without regular expressions
 * because they run once per cell of files with millions of rows. Invalid input yields
 * {@link #INVALID} or null, never an exception.
 */
public final class CsvValues {

	/** Returned by {@link #epochMicros} for text that is not a date or date-time. */
	public static final long INVALID = Long.MIN_VALUE;

	private CsvValues() {
	}

	/**
	 * The instant a cell means, in microseconds since the epoch. Accepts an ISO date
	 * ({@code 2026-11-01}), an ISO date-time with or without offset
	 * ({@code 2026-11-01T10:15:30+09:00}, {@code …Z}, {@code 2026-11-01 10:15}) and
	 * Excel's {@code yyyy/M/d[ H:mm[:ss]]}. A date without time is midnight in the zone,
	 * a time without offset is read in the zone.
	 */
	public static long epochMicros(String text, ZoneId zone) {
		String s = text.strip();
		int length = s.length();
		Cursor c = new Cursor(s);
		int year = c.digits(4, 4);
		char separator = c.peek();
		if (year < 0 || (separator != '-' && separator != '/') || !c.skip(separator)) {
			return INVALID;
		}
		int month = c.digits(1, 2);
		if (month < 0 || !c.skip(separator)) {
			return INVALID;
		}
		int day = c.digits(1, 2);
		if (day < 0) {
			return INVALID;
		}
		int hour = 0;
		int minute = 0;
		int second = 0;
		int nanos = 0;
		ZoneOffset offset = null;
		if (c.pos < length) {
			if (!c.skip('T') && !c.skip(' ')) {
				return INVALID;
			}
			hour = c.digits(1, 2);
			if (hour < 0 || !c.skip(':')) {
				return INVALID;
			}
			minute = c.digits(2, 2);
			if (minute < 0) {
				return INVALID;
			}
			if (c.skip(':')) {
				second = c.digits(2, 2);
				if (second < 0) {
					return INVALID;
				}
				if (c.skip('.')) {
					int start = c.pos;
					int fraction = c.digits(1, 9);
					if (fraction < 0) {
						return INVALID;
					}
					nanos = fraction;
					for (int i = c.pos - start; i < 9; i++) {
						nanos *= 10;
					}
				}
			}
			if (c.pos < length) {
				offset = c.offset();
				if (offset == null || c.pos != length) {
					return INVALID;
				}
			}
		}
		try {
			LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
			long seconds = (offset != null) ? local.toEpochSecond(offset) : local.atZone(zone).toEpochSecond();
			return seconds * 1_000_000L + nanos / 1000;
		}
		catch (DateTimeException ex) {
			return INVALID;
		}
	}

	/**
	 * A calendar date, ISO {@code yyyy-MM-dd} or Excel's {@code yyyy/M/d}; null if
	 * invalid.
	 */
	public static @Nullable LocalDate date(String text) {
		String s = text.strip();
		Cursor c = new Cursor(s);
		int year = c.digits(4, 4);
		char separator = c.peek();
		if (year < 0 || (separator != '-' && separator != '/') || !c.skip(separator)) {
			return null;
		}
		int month = c.digits(1, 2);
		if (month < 0 || !c.skip(separator)) {
			return null;
		}
		int day = c.digits(1, 2);
		if (day < 0 || c.pos != s.length()) {
			return null;
		}
		try {
			return LocalDate.of(year, month, day);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/**
	 * Checks a decimal for a {@code numeric(14, 2)} column: optional sign, digits, an
	 * optional fraction; at most 12 integer digits. Returns the text to store, or null if
	 * it is not such a number.
	 */
	public static @Nullable String decimal(String text) {
		String s = text.strip();
		int length = s.length();
		int i = 0;
		if (i < length && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
			i++;
		}
		int integerDigits = 0;
		while (i < length && isDigit(s.charAt(i))) {
			i++;
			integerDigits++;
		}
		int fractionDigits = 0;
		if (i < length && s.charAt(i) == '.') {
			i++;
			while (i < length && isDigit(s.charAt(i))) {
				i++;
				fractionDigits++;
			}
		}
		if (i != length || integerDigits + fractionDigits == 0 || integerDigits > 12
				|| (integerDigits == 12 && fractionDigits > 2)) {
			return null;
		}
		return s;
	}

	/** A whole number in the int range; null if it is not one. */
	public static @Nullable Integer integer(String text) {
		String s = text.strip();
		int length = s.length();
		if (length == 0 || length > 11) {
			return null;
		}
		int i = (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
		if (i == length) {
			return null;
		}
		long value = 0;
		for (int j = i; j < length; j++) {
			char ch = s.charAt(j);
			if (!isDigit(ch)) {
				return null;
			}
			value = value * 10 + (ch - '0');
		}
		value = (s.charAt(0) == '-') ? -value : value;
		return (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) ? null : (int) value;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static final class Cursor {

		private final String s;

		private int pos;

		Cursor(String s) {
			this.s = s;
		}

		char peek() {
			return (this.pos < this.s.length()) ? this.s.charAt(this.pos) : 0;
		}

		boolean skip(char expected) {
			if (peek() == expected) {
				this.pos++;
				return true;
			}
			return false;
		}

		int digits(int min, int max) {
			int value = 0;
			int count = 0;
			while (count < max && this.pos < this.s.length() && isDigit(this.s.charAt(this.pos))) {
				value = value * 10 + (this.s.charAt(this.pos) - '0');
				this.pos++;
				count++;
			}
			return (count < min) ? -1 : value;
		}

		@Nullable ZoneOffset offset() {
			if (skip('Z') || skip('z')) {
				return ZoneOffset.UTC;
			}
			char sign = peek();
			if (sign != '+' && sign != '-') {
				return null;
			}
			this.pos++;
			int hours = digits(2, 2);
			if (hours < 0) {
				return null;
			}
			int minutes = 0;
			if (this.pos < this.s.length()) {
				skip(':');
				minutes = digits(2, 2);
				if (minutes < 0) {
					return null;
				}
			}
			try {
				return (sign == '-') ? ZoneOffset.ofHoursMinutes(-hours, -minutes)
						: ZoneOffset.ofHoursMinutes(hours, minutes);
			}
			catch (DateTimeException ex) {
				return null;
			}
		}

	}

}
