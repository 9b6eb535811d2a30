package io.mawasu.crm.web.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * The API's 401 and 403 as RFC 9457 problem+json; a 401 keeps its
 * {@code WWW-Authenticate: Basic} challenge.
 */
@Component
class ApiAuthenticationProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

	static final String REALM = "Mawasu CRM";

	private final JsonMapper json;

	private final MessageSource messages;

	ApiAuthenticationProblems(JsonMapper json, MessageSource messages) {
		this.json = json;
		this.messages = messages;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
		write(request, response, HttpStatus.UNAUTHORIZED, text(request, "api.problem.authentication"));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		write(request, response, HttpStatus.FORBIDDEN, text(request, "api.problem.forbidden"));
	}

	/**
	 * The message in the request's language: these answers are written before Spring MVC
	 * resolves a locale, so Accept-Language decides (Japanese or English).
	 */
	private String text(HttpServletRequest request, String code) {
		Locale requested = request.getLocale();
		Locale locale = (requested != null && "ja".equals(requested.getLanguage())) ? Locale.JAPANESE : Locale.ENGLISH;
		return this.messages.getMessage(code, null, code, locale);
	}

	private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
