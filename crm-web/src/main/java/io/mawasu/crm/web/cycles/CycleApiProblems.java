package io.mawasu.crm.web.cycles;

import io.mawasu.crm.analytics.CycleConflict;
import io.mawasu.crm.analytics.InvalidCycle;
import io.mawasu.crm.analytics.NotAllowed;
import io.mawasu.crm.analytics.UnknownCycle;
import io.mawasu.crm.web.api.ApiProblems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * crm-analytics' cycle and KPT exceptions as problem+json: invalid input a 400 naming the
 * field, a state that does not allow the request (a closed board, a stage) a 409, an
 * unknown cycle or card a 404.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CycleApiProblems {

	@ExceptionHandler(InvalidCycle.class)
	ProblemDetail invalid(InvalidCycle ex) {
		String message = ex.getMessage().substring(ex.field().length() + 2);
		ProblemDetail problem = ApiProblems.forField(HttpStatus.BAD_REQUEST, ex.field(), message);
		problem.setTitle("Invalid input");
		return problem;
	}

	@ExceptionHandler(CycleConflict.class)
	ProblemDetail conflict(CycleConflict ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle("Not possible in the current state");
		return problem;
	}

	@ExceptionHandler(NotAllowed.class)
	ProblemDetail notAllowed(NotAllowed ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
	}

	@ExceptionHandler(UnknownCycle.class)
	ProblemDetail unknown(UnknownCycle ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

}
