package io.mawasu.crm.web.rfm;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

import io.mawasu.crm.segmentation.RfmRun;
import io.mawasu.crm.segmentation.RfmRunStatus;
import io.mawasu.crm.segmentation.RfmRuns;
import io.mawasu.crm.segmentation.RfmScore;
import io.mawasu.crm.web.CsvWriter;
import io.mawasu.crm.web.audit.AuditLog;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Streams a run's scores as CSV
 * ({@code external_id,recency_days,frequency,monetary,r,f,m,segment}) straight from the
 * database to the response through {@link CsvWriter}, and records the export in the audit
 * log.
 */
@Component
class RfmScoresCsv {

	static final String HEADER = "external_id,recency_days,frequency,monetary,r,f,m,segment";

	private final RfmRuns runs;

	private final AuditLog auditLog;

	RfmScoresCsv(RfmRuns runs, AuditLog auditLog) {
		this.runs = runs;
		this.auditLog = auditLog;
	}

	void write(long id, HttpServletResponse response) throws IOException {
		RfmRun run = this.runs.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no RFM run " + id + "."));
		if (run.status() != RfmRunStatus.DONE) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"RFM run " + id + " is " + run.status() + "; only a DONE run has scores to export.");
		}
		this.auditLog.record("EXPORT_RFM_SCORES", "run " + id);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"rfm-run-" + id + "-scores.csv\"");
		PrintWriter writer = response.getWriter();
		CsvWriter csv = new CsvWriter(writer);
		writer.print(HEADER);
		writer.print("\r\n");
		this.runs.exportScores(id, (line) -> {
			RfmScore score = line.score();
			csv.row(line.externalId(), score.recencyDays(), score.frequency(), score.monetary(), score.r(), score.f(),
					score.m(), score.segment());
			if (writer.checkError()) {
				throw new UncheckedIOException(new IOException("the client stopped reading the RFM export"));
			}
		});
		writer.flush();
	}

}
