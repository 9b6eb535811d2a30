package io.mawasu.crm.domain.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Turns the bytes of an uploaded CSV into characters. A declared charset wins (Shift_JIS
 * is read as its superset Windows-31J, which is what Excel in Japan writes). Without one,
 * a bounded prefix decides: valid UTF-8 (with or without BOM) or else Windows-31J; the
 * rest is streamed. Malformed input is reported, never replaced silently.
 */
public final class CsvDecoding {

	/** Windows-31J (CP932), Excel's "CSV" encoding on Japanese Windows. */
	public static final Charset WINDOWS_31J = Charset.forName("Windows-31J");

	static final int PREFIX = 64 * 1024;

	private CsvDecoding() {
	}

	/** The charset a declared name stands for, Shift_JIS widened to Windows-31J. */
	public static Charset effective(Charset declared) {
		String name = declared.name().toLowerCase(Locale.ROOT);
		if (name.equals("shift_jis") || name.equals("x-sjis") || name.equals("ms932")) {
			return WINDOWS_31J;
		}
		return declared;
	}

	/**
	 * A reader over the stream in the declared charset, or the detected one when none is
	 * declared.
	 */
	public static Reader reader(InputStream in, @Nullable Charset declared) throws IOException {
		InputStream buffered = new BufferedInputStream(in, PREFIX);
		Charset charset = (declared != null) ? effective(declared) : detect(buffered);
		CharsetDecoder decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		return new InputStreamReader(buffered, decoder);
	}

	static Charset detect(InputStream in) throws IOException {
		in.mark(PREFIX);
		byte[] prefix = new byte[PREFIX];
		int n = 0;
		int read;
		while (n < PREFIX && (read = in.read(prefix, n, PREFIX - n)) > 0) {
			n += read;
		}
		in.reset();
		boolean complete = n < PREFIX;
		CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		CoderResult result = utf8.decode(ByteBuffer.wrap(prefix, 0, n), CharBuffer.allocate(n + 1), complete);
		return result.isError() ? WINDOWS_31J : StandardCharsets.UTF_8;
	}

}
