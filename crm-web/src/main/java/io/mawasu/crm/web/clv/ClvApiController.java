package io.mawasu.crm.web.clv;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;

import io.mawasu.crm.segmentation.ClvFit;
import io.mawasu.crm.segmentation.ClvFitAlreadyRunning;
import io.mawasu.crm.segmentation.ClvFitRequest;
import io.mawasu.crm.segmentation.ClvFits;
import io.mawasu.crm.segmentation.InvalidClvRequest;
import io.mawasu.crm.web.audit.AuditLog;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * CLV over HTTP (issue 11): fit, read fits, export a fit's customers as CSV, read one
 * customer's values. ADMIN, MARKETER and ANALYST (SecurityConfiguration).
 */
@RestController
class ClvApiController {

	static final String CSV_HEADER = "external_id,frequency,recency,t,p_alive,expected_purchases,expected_spend,clv";

	private final ClvFits fits;

	private final AuditLog auditLog;

	ClvApiController(ClvFits fits, AuditLog auditLog) {
		this.fits = fits;
		this.auditLog = auditLog;
	}

	record CustomerClv(long fitId, int frequency, double recency, double t, double pAlive, double expectedPurchases,
			double expectedSpend, double clv) {
	}

	@PostMapping("/api/clv/fits")
	ResponseEntity<ClvFitBody> fit(@RequestBody(required = false) @Nullable ClvFitRequest request) {
		ClvFit fit = this.fits.fit((request != null) ? request : ClvFitRequest.defaults());
		this.auditLog.record("FIT_CLV", "fit " + fit.id());
		return ResponseEntity.created(URI.create("/api/clv/fits/" + fit.id())).body(ClvFitBody.of(fit));
	}

	@GetMapping("/api/clv/fits/latest")
	ClvFitBody latest() {
		return this.fits.latest()
			.map(ClvFitBody::of)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No CLV fit exists yet; start one with POST /api/clv/fits."));
	}

	@GetMapping("/api/clv/fits/{id}")
	ClvFitBody find(@PathVariable long id) {
		return ClvFitBody.of(fitOr404(id));
	}

	@GetMapping("/api/clv/fits/{id}/customers.csv")
	void customers(@PathVariable long id, HttpServletResponse response) throws IOException {
		fitOr404(id);
		if (!this.fits.hasPredictions(id)) {
			throw new ResponseStatusException(HttpStatus.GONE, "CLV fit " + id
					+ " is older than the newest three fits, whose customers alone are kept; export a newer fit.");
		}
		this.auditLog.record("EXPORT_CLV_CUSTOMERS", "fit " + id);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"clv-fit-" + id + "-customers.csv\"");
		PrintWriter writer = response.getWriter();
		writer.print(CSV_HEADER);
		writer.print("\r\n");
		this.fits.export(id, (p) -> {
			writer.print(CsvCells.cell(p.externalId()));
			writer.print(',');
			writer.print(p.frequency());
			writer.print(',');
			writer.print(p.recency());
			writer.print(',');
			writer.print(p.t());
			writer.print(',');
			writer.print(p.pAlive());
			writer.print(',');
			writer.print(p.expectedPurchases());
			writer.print(',');
			writer.print(p.expectedSpend());
			writer.print(',');
			writer.print(p.clv());
			writer.print("\r\n");
			if (writer.checkError()) {
				throw new UncheckedIOException(new IOException("the client stopped reading the CLV export"));
			}
		});
		writer.flush();
	}

	@GetMapping("/api/customers/{externalId}/clv")
	CustomerClv customer(@PathVariable String externalId) {
		return this.fits.predictionOf(externalId)
			.map((p) -> new CustomerClv(p.fitId(), p.frequency(), p.recency(), p.t(), p.pAlive(), p.expectedPurchases(),
					p.expectedSpend(), p.clv()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Customer '" + externalId
					+ "' has no CLV values: the id is unknown, no CLV fit exists, or the customer had no purchase "
					+ "by the calibration end of the latest fit."));
	}

	private ClvFit fitOr404(long id) {
		return this.fits.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no CLV fit " + id + "."));
	}

	@ExceptionHandler(InvalidClvRequest.class)
	ResponseEntity<ProblemDetail> invalid(InvalidClvRequest ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler(ClvFitAlreadyRunning.class)
	ResponseEntity<ProblemDetail> running(ClvFitAlreadyRunning ex) {
		return problem(HttpStatus.CONFLICT, ex.getMessage());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
		return problem(HttpStatus.BAD_REQUEST,
				"The CLV fit request is not valid JSON of the expected shape: calibrationEnd is an ISO date "
						+ "(1997-09-30), timeUnit WEEK or DAY, horizon a whole number from 1 to 520.");
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, @Nullable String detail) {
		return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
	}

}
