package io.mawasu.crm.web.api;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds the problem+json bodies of the API. A problem about input names each field it
 * rejects in {@code errors: [{"field","message"}]} and repeats them in {@code detail}, so
 * a person reading only the detail knows what to fix.
 */
public final class ApiProblems {

	private ApiProblems() {
	}

	/** A rejected input field (a JSON property, a request parameter or a CSV column). */
	public record Invalid(String field, String message) {
	}

	/** A problem about one field, for example {@code 400} for a weak password. */
	public static ProblemDetail forField(HttpStatusCode status, String field, String message) {
		return forFields(status, List.of(new Invalid(field, message)));
	}

	/** A problem about several fields. */
	public static ProblemDetail forFields(HttpStatusCode status, List<Invalid> errors) {
		String detail = errors.stream()
			.map((error) -> error.field() + ": " + error.message())
			.collect(Collectors.joining("; "));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setProperty("errors",
				errors.stream().map((error) -> Map.of("field", error.field(), "message", error.message())).toList());
		return problem;
	}

}
