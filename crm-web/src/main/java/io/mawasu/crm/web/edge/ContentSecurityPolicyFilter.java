package io.mawasu.crm.web.edge;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A Content-Security-Policy on every response but the JSON API's: scripts only from our
 * own origin or inline with this response's nonce (templates write
 * {@code th:attr="nonce=${cspNonce}"} on each inline script), no plugins, no framing,
 * forms only to ourselves. Styles may be inline (ECharts and templates set style
 * attributes); images may be data URLs (chart downloads) or HTTPS (email previews).
 */
class ContentSecurityPolicyFilter extends OncePerRequestFilter {

	/** The request attribute holding the nonce of this response's inline scripts. */
	static final String NONCE_ATTRIBUTE = "cspNonce";

	private final SecureRandom random = new SecureRandom();

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!EdgeResponses.isApi(request)) {
			byte[] bytes = new byte[18];
			this.random.nextBytes(bytes);
			String nonce = Base64.getEncoder().encodeToString(bytes);
			request.setAttribute(NONCE_ATTRIBUTE, nonce);
			response.setHeader("Content-Security-Policy", policy(nonce));
		}
		chain.doFilter(request, response);
	}

	static String policy(String nonce) {
		return "default-src 'self'; script-src 'self' 'nonce-" + nonce + "'; style-src 'self' 'unsafe-inline'; "
				+ "img-src 'self' data: https:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
				+ "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
	}

}
