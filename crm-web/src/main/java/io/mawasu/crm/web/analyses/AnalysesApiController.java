package io.mawasu.crm.web.analyses;

import java.time.LocalDate;

import io.mawasu.crm.segmentation.Analyses;
import io.mawasu.crm.segmentation.DecileAnalysis;
import io.mawasu.crm.segmentation.F2Analysis;
import io.mawasu.crm.segmentation.ParetoAnalysis;
import io.mawasu.crm.segmentation.ParetoBy;
import io.mawasu.crm.segmentation.RetentionAnalysis;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The analyses as JSON for any authenticated user: {@code from} and {@code to} are ISO
 * dates in the shop's zone, shares are fractions (0 to 1), money plain numbers.
 */
@RestController
@RequestMapping(path = "/api/analyses", produces = MediaType.APPLICATION_JSON_VALUE)
class AnalysesApiController {

	private final Analyses analyses;

	AnalysesApiController(Analyses analyses) {
		this.analyses = analyses;
	}

	@GetMapping("/decile")
	DecileAnalysis decile(@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate to) {
		return this.analyses.decile(from, to);
	}

	@GetMapping("/pareto")
	ParetoAnalysis pareto(@RequestParam(defaultValue = "customer") String by,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate to,
			@RequestParam(defaultValue = "70") double a, @RequestParam(defaultValue = "90") double b,
			@RequestParam(defaultValue = "50") int top) {
		return this.analyses.pareto(ParetoBy.of(by), from, to, a, b, top);
	}

	@GetMapping("/f2")
	F2Analysis f2(@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate to) {
		return this.analyses.f2(from, to);
	}

	@GetMapping("/retention")
	RetentionAnalysis retention(
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate to) {
		return this.analyses.retention(from, to);
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<ProblemDetail> badParameter(IllegalArgumentException ex) {
		return problem(ex.getMessage());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException ex) {
		String expected = LocalDate.class.equals(ex.getRequiredType()) ? "an ISO date such as 2026-01-31" : "a number";
		return problem("Parameter '" + ex.getName() + "' must be " + expected + ", got '" + ex.getValue() + "'");
	}

	private static ResponseEntity<ProblemDetail> problem(@Nullable String detail) {
		return ResponseEntity.badRequest()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail));
	}

}
