package io.mawasu.crm.web.edge;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One rule for what a request may carry, checked before any controller sees it:
 * <ul>
 * <li>no NUL character (PostgreSQL cannot store it in text) in the path, a parameter
 * (query string or form field) or a JSON or text body — raw, or in JSON's escaped form
 * {@code \u0000} (also inside form fields, because pages post rules and scenarios as JSON
 * in a field): 400 naming where it was found;</li>
 * <li>a JSON or text body of at most {@code crm.web.max-body-size} (default 1 MB): 413
 * stating the limit.</li>
 * </ul>
 * Only such bodies are read here (and then kept for the controller, bounded by the
 * limit). CSV imports ({@code text/csv}, multipart files) are streamed past untouched;
 * their reader refuses NUL itself.
 */
class RequestInputFilter extends OncePerRequestFilter {

	private final long maxBodySize;

	RequestInputFilter(EdgeProperties properties) {
		this.maxBodySize = properties.maxBodySize().toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String uri = request.getRequestURI();
		if (uri.indexOf('\0') >= 0 || uri.toLowerCase(Locale.ROOT).contains("%00")) {
			refuseNul(request, response, "the request path");
			return;
		}
		HttpServletRequest checked = request;
		if (isBufferedBody(request.getContentType())) {
			long declared = request.getContentLengthLong();
			if (declared > this.maxBodySize) {
				refuseSize(request, response);
				return;
			}
			byte[] body = read(request.getInputStream(), this.maxBodySize);
			if (body == null) {
				refuseSize(request, response);
				return;
			}
			if (containsNul(body)) {
				refuseNul(request, response, "the request body");
				return;
			}
			checked = new CachedBody(request, body);
		}
		for (Map.Entry<String, String[]> parameter : checked.getParameterMap().entrySet()) {
			if (containsNul(parameter.getKey())) {
				refuseNul(request, response, "a parameter name");
				return;
			}
			for (String value : parameter.getValue()) {
				if (value != null && containsNul(value)) {
					refuseNul(request, response, "the parameter '" + printable(parameter.getKey()) + "'");
					return;
				}
			}
		}
		chain.doFilter(checked, response);
	}

	/** JSON of any kind and plain text; never CSV (streamed) nor multipart. */
	static boolean isBufferedBody(@Nullable String contentType) {
		if (contentType == null) {
			return false;
		}
		String type = contentType.toLowerCase(Locale.ROOT);
		int semicolon = type.indexOf(';');
		String mime = ((semicolon >= 0) ? type.substring(0, semicolon) : type).strip();
		return mime.equals("application/json") || (mime.startsWith("application/") && mime.endsWith("+json"))
				|| mime.equals("text/plain");
	}

	/** The body, or null when it is longer than {@code max}. */
	private static byte @Nullable [] read(InputStream in, long max) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		long total = 0;
		int n;
		while ((n = in.read(buffer)) != -1) {
			total += n;
			if (total > max) {
				return null;
			}
			out.write(buffer, 0, n);
		}
		return out.toByteArray();
	}

	/** A raw NUL byte, or JSON's escape {@code \u0000} (not itself escaped). */
	static boolean containsNul(byte[] body) {
		for (int i = 0; i < body.length; i++) {
			byte b = body[i];
			if (b == 0) {
				return true;
			}
			if (b == '\\') {
				if (i + 5 < body.length && body[i + 1] == 'u' && body[i + 2] == '0' && body[i + 3] == '0'
						&& body[i + 4] == '0' && body[i + 5] == '0') {
					return true;
				}
				// skip the escaped character, so \\u0000 (a backslash, then text) passes
				i++;
			}
		}
		return false;
	}

	static boolean containsNul(String text) {
		if (text.indexOf('\0') >= 0) {
			return true;
		}
		int at = text.indexOf("\\u0000");
		while (at >= 0) {
			int backslashes = 0;
			for (int i = at - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
				backslashes++;
			}
			if (backslashes % 2 == 0) {
				return true;
			}
			at = text.indexOf("\\u0000", at + 1);
		}
		return false;
	}

	private static String printable(String name) {
		String shown = name.replace("\0", "\\u0000");
		return (shown.length() > 100) ? shown.substring(0, 100) + "…" : shown;
	}

	private void refuseNul(HttpServletRequest request, HttpServletResponse response, String where) throws IOException {
		EdgeResponses.refuse(request, response, HttpStatus.BAD_REQUEST, where
				+ " contains the NUL character (\\u0000 or %00), which no text may hold; remove it and send again.");
	}

	private void refuseSize(HttpServletRequest request, HttpServletResponse response) throws IOException {
		EdgeResponses.refuse(request, response, HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than "
				+ this.maxBodySize + " bytes, the most a JSON or text request may send (crm.web.max-body-size).");
	}

	/** The request with its body already read. */
	private static final class CachedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		CachedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new IllegalStateException(
							"The body was read by the edge filter; asynchronous reading is not " + "available");
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			String encoding = getCharacterEncoding();
			Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
