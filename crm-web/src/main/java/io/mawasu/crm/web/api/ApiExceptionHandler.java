package io.mawasu.crm.web.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.mawasu.crm.web.InteractiveQueries;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of the JSON API ({@code @RestController}s; pages are {@code @Controller}s and
 * keep the HTML error page) as RFC 9457 problem+json: Spring MVC's own exceptions,
 * validation errors and unreadable JSON naming the field, {@code ResponseStatusException}
 * with its reason, and a 500 that hides internals behind a reference found in the log. It
 * runs last, so a module's own {@code @RestControllerAdvice} for its exceptions wins.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<ApiProblems.Invalid> errors = new ArrayList<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.add(new ApiProblems.Invalid(error.getField(), message(error)));
		}
		for (ObjectError error : ex.getBindingResult().getGlobalErrors()) {
			errors.add(new ApiProblems.Invalid(error.getObjectName(), message(error)));
		}
		return problem(ex, ApiProblems.forFields(status, errors), headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<ApiProblems.Invalid> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach((result) -> {
			RequestParam param = result.getMethodParameter().getParameterAnnotation(RequestParam.class);
			String name = (param != null && !param.name().isEmpty()) ? param.name()
					: String.valueOf(result.getMethodParameter().getParameterName());
			result.getResolvableErrors().forEach((error) -> errors.add(new ApiProblems.Invalid(name, message(error))));
		});
		return problem(ex, ApiProblems.forFields(status, errors), headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		String expected = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "?";
		return problem(ex,
				ApiProblems.forField(status, name,
						text("api.problem.typeMismatch", String.valueOf(ex.getValue()), expected)),
				headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		JacksonException cause = jacksonCause(ex);
		ProblemDetail body;
		if (cause != null && !cause.getPath().isEmpty()) {
			body = ApiProblems.forField(status, path(cause),
					text("api.problem.wrongType", String.valueOf(cause.getOriginalMessage())));
		}
		else if (cause != null && cause.getLocation() != null) {
			TokenStreamLocation at = cause.getLocation();
			body = ProblemDetail.forStatusAndDetail(status, text("api.problem.notJson", at.getLineNr(),
					at.getColumnNr(), String.valueOf(cause.getOriginalMessage())));
		}
		else {
			body = ProblemDetail.forStatusAndDetail(status, text("api.problem.noBody"));
		}
		return problem(ex, body, headers, status, request);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ProblemDetail accessDenied() {
		return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, text("api.problem.forbidden"));
	}

	@ExceptionHandler(AuthenticationException.class)
	ResponseEntity<ProblemDetail> unauthenticated() {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Mawasu CRM\"")
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, text("api.problem.unauthorized")));
	}

	@ExceptionHandler(InteractiveQueries.QueryTimedOut.class)
	ResponseEntity<ProblemDetail> timedOut(InteractiveQueries.QueryTimedOut ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setTitle("Query timed out");
		problem.setProperty("timeoutSeconds", ex.timeout().toMillis() / 1000.0);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "10")
			.body(problem);
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) {
		String reference = UUID.randomUUID().toString();
		log.error("Unexpected error in the API (reference {})", reference, ex);
		return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				text("api.problem.unexpected", reference));
	}

	private ResponseEntity<Object> problem(Exception ex, ProblemDetail body, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		ResponseEntity<Object> response = handleExceptionInternal(ex, body, headers, status, request);
		return (response != null) ? response : ResponseEntity.status(status).headers(headers).body(body);
	}

	/**
	 * A message of the API in the request's language (Accept-Language), for example
	 * {@code api.problem.forbidden}.
	 */
	private String text(String code, Object... arguments) {
		MessageSource messages = getMessageSource();
		return (messages != null) ? messages.getMessage(code, arguments, code, LocaleContextHolder.getLocale()) : code;
	}

	private String message(MessageSourceResolvable error) {
		MessageSource messages = getMessageSource();
		Locale locale = LocaleContextHolder.getLocale();
		if (messages != null) {
			return messages.getMessage(error, locale);
		}
		return (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid";
	}

	private static @Nullable JacksonException jacksonCause(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException jackson) {
				return jackson;
			}
		}
		return null;
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "body" : path.toString();
	}

}
