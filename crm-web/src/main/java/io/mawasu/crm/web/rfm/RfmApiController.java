package io.mawasu.crm.web.rfm;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.mawasu.crm.segmentation.InvalidRfmRequest;
import io.mawasu.crm.segmentation.RfmMethod;
import io.mawasu.crm.segmentation.RfmRun;
import io.mawasu.crm.segmentation.RfmRunAlreadyRunning;
import io.mawasu.crm.segmentation.RfmRunRequest;
import io.mawasu.crm.segmentation.RfmRuns;
import io.mawasu.crm.segmentation.RfmScore;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * RFM over HTTP (DESIGN.md §4): start a run, read the latest, export a run's scores as
 * CSV, read one customer's score.
 */
@RestController
class RfmApiController {

	private final RfmRuns runs;

	private final RfmScoresCsv csv;

	RfmApiController(RfmRuns runs, RfmScoresCsv csv) {
		this.runs = runs;
		this.csv = csv;
	}

	record RunBody(long id, LocalDate asOf, RfmMethod method, @Nullable Integer customers, Map<String, Long> segments,
			@Nullable List<BigDecimal> frequencyCuts) {

		/**
		 * {@code frequencyCuts} only for a quantile run whose F was scored by cut points.
		 */
		static RunBody of(RfmRun run) {
			List<BigDecimal> frequencyCuts = (run.method() == RfmMethod.QUANTILE && run.cuts() != null)
					? run.cuts().frequency() : null;
			return new RunBody(run.id(), run.asOf(), run.method(), run.customers(), run.segments(), frequencyCuts);
		}

	}

	@PostMapping("/api/rfm/runs")
	@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
	ResponseEntity<RunBody> start(@RequestBody(required = false) @Nullable RfmRunRequest request) {
		RfmRun run = this.runs.start((request != null) ? request : RfmRunRequest.defaults());
		return ResponseEntity.created(URI.create("/api/rfm/runs/" + run.id())).body(RunBody.of(run));
	}

	@GetMapping("/api/rfm/runs/latest")
	RunBody latest() {
		return this.runs.latest()
			.map(RunBody::of)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No RFM run has finished yet; start one with POST /api/rfm/runs."));
	}

	@GetMapping("/api/rfm/runs/{id}/scores.csv")
	void scores(@PathVariable long id, HttpServletResponse response) throws IOException {
		this.csv.write(id, response);
	}

	@GetMapping("/api/customers/{externalId}/rfm")
	RfmScore customerScore(@PathVariable String externalId) {
		return this.runs.scoreOf(externalId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Customer '" + externalId
					+ "' has no RFM score: the id is unknown, or the customer had no purchase up to the as-of date of the latest RFM run."));
	}

	@ExceptionHandler(InvalidRfmRequest.class)
	ResponseEntity<ProblemDetail> invalid(InvalidRfmRequest ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler(RfmRunAlreadyRunning.class)
	ResponseEntity<ProblemDetail> alreadyRunning(RfmRunAlreadyRunning ex) {
		return problem(HttpStatus.CONFLICT, ex.getMessage());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
		return problem(HttpStatus.BAD_REQUEST,
				"The RFM run request is not valid JSON of the expected shape: asOf is an ISO date (2026-11-01), "
						+ "method QUANTILE or THRESHOLD, lookbackDays a whole number, cuts an object with "
						+ "recency, frequency and monetary arrays of four numbers, frequencyCuts an array of four numbers.");
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		return ResponseEntity.status(status).body(problem);
	}

}
