package io.mawasu.crm.web.scenarios;

import io.mawasu.crm.delivery.TestSendFailed;
import io.mawasu.crm.scenario.InvalidScenario;
import io.mawasu.crm.scenario.ScenarioConflict;
import io.mawasu.crm.scenario.UnknownScenario;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * crm-scenario's exceptions as problem+json: an invalid definition is a 400 naming the
 * step and field, a wrong state a 409, an unknown id a 404, a test send the provider
 * refused a 502.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ScenarioApiProblems {

	private final MessageSource messages;

	ScenarioApiProblems(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(InvalidScenario.class)
	ProblemDetail invalid(InvalidScenario ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid scenario");
		problem.setProperty("step", ex.step());
		problem.setProperty("field", ex.field());
		return problem;
	}

	@ExceptionHandler(ScenarioConflict.class)
	ProblemDetail conflict(ScenarioConflict ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, this.messages
			.getMessage(ex.code(), ex.arguments(), String.valueOf(ex.getMessage()), LocaleContextHolder.getLocale()));
		problem.setTitle("Scenario state conflict");
		problem.setProperty("code", ex.code());
		return problem;
	}

	/** The provider did not take the test send: a gateway problem, not the client's. */
	@ExceptionHandler(TestSendFailed.class)
	ProblemDetail testSendFailed(TestSendFailed ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, ex.getMessage());
		problem.setTitle("Test send failed");
		return problem;
	}

	@ExceptionHandler(UnknownScenario.class)
	ProblemDetail unknown(UnknownScenario ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

}
