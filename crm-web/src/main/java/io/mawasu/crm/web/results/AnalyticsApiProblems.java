package io.mawasu.crm.web.results;

import io.mawasu.crm.analytics.InvalidAnalyticsRequest;
import io.mawasu.crm.analytics.UnknownKpi;
import io.mawasu.crm.web.api.ApiProblems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * crm-analytics' exceptions as problem+json: a request the caller can correct is a 400
 * naming the field, an unknown KPI a 404.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AnalyticsApiProblems {

	@ExceptionHandler(InvalidAnalyticsRequest.class)
	ProblemDetail invalid(InvalidAnalyticsRequest ex) {
		return ApiProblems.forField(HttpStatus.BAD_REQUEST, ex.field(), ex.reason());
	}

	@ExceptionHandler(UnknownKpi.class)
	ProblemDetail unknown(UnknownKpi ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

}
