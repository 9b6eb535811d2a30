package io.mawasu.crm.web.cycles;

import java.util.Locale;

import io.mawasu.crm.analytics.CycleView;
import io.mawasu.crm.analytics.Cycles;
import io.mawasu.crm.analytics.UnknownCycle;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/cycles/{id}/summary.pdf}: the cycle's one-page A4 summary sheet (every
 * signed-in role), in the request's language.
 */
@RestController
class SummaryApiController {

	private final Cycles cycles;

	private final SummarySheet sheet;

	SummaryApiController(Cycles cycles, SummarySheet sheet) {
		this.cycles = cycles;
		this.sheet = sheet;
	}

	@GetMapping("/api/cycles/{id}/summary.pdf")
	ResponseEntity<byte[]> pdf(@PathVariable long id, Authentication user, Locale locale) {
		CycleView cycle = this.cycles.find(id).orElseThrow(() -> UnknownCycle.cycle(id));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename("cycle-" + id + "-summary.pdf").build().toString())
			.body(this.sheet.pdf(cycle, user.getName(), locale));
	}

}
