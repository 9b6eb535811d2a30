package io.mawasu.crm.web.analyses;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import io.mawasu.crm.domain.customer.ShopProperties;
import io.mawasu.crm.segmentation.Analyses;
import io.mawasu.crm.segmentation.DecileAnalysis;
import io.mawasu.crm.segmentation.F2Analysis;
import io.mawasu.crm.segmentation.ParetoAnalysis;
import io.mawasu.crm.segmentation.ParetoBy;
import io.mawasu.crm.segmentation.RetentionAnalysis;
import io.mawasu.crm.web.audit.AuditLog;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The analysis pages, each with filters, a chart, a table and a CSV download of the same
 * figures (UTF-8 with a BOM so that Excel in Japan reads it; every download is audited).
 * Every logged-in user may read them.
 */
@Controller
@RequestMapping("/analyses")
class AnalysesController {

	static final String INDEX_VIEW = "analyses/index";

	static final String DECILE_VIEW = "analyses/decile";

	static final String PARETO_VIEW = "analyses/pareto";

	static final String F2_VIEW = "analyses/f2";

	static final String RETENTION_VIEW = "analyses/retention";

	static final String EXPORT_ACTION = "EXPORT_ANALYSIS";

	private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private final Analyses analyses;

	private final AuditLog auditLog;

	private final ShopProperties shop;

	AnalysesController(Analyses analyses, AuditLog auditLog, ShopProperties shop) {
		this.analyses = analyses;
		this.auditLog = auditLog;
		this.shop = shop;
	}

	@GetMapping
	String index() {
		return INDEX_VIEW;
	}

	@GetMapping("/decile")
	String decile(@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate to, Model model,
			Locale locale) {
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		DecileAnalysis result = attempt(model, locale, () -> this.analyses.decile(from, to));
		if (result != null) {
			model.addAttribute("result", result);
			model.addAttribute("chart",
					Map.of("labels", result.deciles().stream().map(DecileAnalysis.Decile::decile).toList(), "revenue",
							result.deciles().stream().map(DecileAnalysis.Decile::revenue).toList(), "cumulative",
							result.deciles().stream().map((d) -> percent(d.cumulativeShare())).toList()));
		}
		return DECILE_VIEW;
	}

	@GetMapping("/decile.csv")
	ResponseEntity<byte[]> decileCsv(
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate to) {
		DecileAnalysis result = this.analyses.decile(from, to);
		return csv("decile", "decile-" + result.from() + "-" + result.to(), AnalysisCsv.decile(result));
	}

	@GetMapping("/pareto")
	String pareto(@RequestParam(defaultValue = "customer") String by,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate to,
			@RequestParam(defaultValue = "70") double a, @RequestParam(defaultValue = "90") double b,
			@RequestParam(defaultValue = "50") int top, Model model, Locale locale) {
		model.addAttribute("by", by);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		model.addAttribute("a", a);
		model.addAttribute("b", b);
		model.addAttribute("top", top);
		model.addAttribute("bys", List.of(ParetoBy.values()).stream().map(ParetoBy::key).toList());
		ParetoAnalysis result = attempt(model, locale,
				() -> this.analyses.pareto(ParetoBy.of(by), from, to, a, b, top));
		if (result != null) {
			model.addAttribute("result", result);
			model.addAttribute("chart",
					Map.of("labels", result.curve().stream().map(ParetoAnalysis.Point::label).toList(), "share",
							result.curve().stream().map((p) -> percent(p.share())).toList(), "cumulative",
							result.curve().stream().map((p) -> percent(p.cumulativeShare())).toList(), "a", a, "b", b));
		}
		return PARETO_VIEW;
	}

	@GetMapping("/pareto.csv")
	ResponseEntity<byte[]> paretoCsv(@RequestParam(defaultValue = "customer") String by,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate to,
			@RequestParam(defaultValue = "70") double a, @RequestParam(defaultValue = "90") double b,
			@RequestParam(defaultValue = "50") int top) {
		ParetoAnalysis result = this.analyses.pareto(ParetoBy.of(by), from, to, a, b, top);
		return csv("pareto", "pareto-" + result.by().key() + "-" + result.from() + "-" + result.to(),
				AnalysisCsv.pareto(result));
	}

	@GetMapping("/f2")
	String f2(@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate to, Model model,
			Locale locale) {
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		F2Analysis result = attempt(model, locale, () -> this.analyses.f2(from, to));
		if (result != null) {
			model.addAttribute("result", result);
			Map<String, Object> chart = new LinkedHashMap<>();
			chart.put("labels", result.cohorts().stream().map(F2Analysis.Cohort::cohort).toList());
			chart.put("share30", result.cohorts().stream().map((c) -> percent(c.share30())).toList());
			chart.put("share60", result.cohorts().stream().map((c) -> percent(c.share60())).toList());
			chart.put("share90", result.cohorts().stream().map((c) -> percent(c.share90())).toList());
			chart.put("share180", result.cohorts().stream().map((c) -> percent(c.share180())).toList());
			chart.put("median",
					result.cohorts()
						.stream()
						.map((c) -> (c.medianDaysToSecond() != null) ? c.medianDaysToSecond() : "-")
						.toList());
			model.addAttribute("chart", chart);
		}
		return F2_VIEW;
	}

	@GetMapping("/f2.csv")
	ResponseEntity<byte[]> f2Csv(
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate to) {
		return csv("f2", "f2", AnalysisCsv.f2(this.analyses.f2(from, to)));
	}

	@GetMapping("/retention")
	String retention(@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate to, Model model,
			Locale locale) {
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		RetentionAnalysis result = attempt(model, locale, () -> this.analyses.retention(from, to));
		if (result != null) {
			model.addAttribute("result", result);
			List<List<Object>> cells = new ArrayList<>();
			for (int y = 0; y < result.cohorts().size(); y++) {
				RetentionAnalysis.Cohort cohort = result.cohorts().get(y);
				for (int k = 0; k < result.months(); k++) {
					Double share = cohort.shares().get(k);
					if (share != null) {
						cells.add(List.of(k, y, percent(share)));
					}
				}
			}
			model.addAttribute("chart",
					Map.of("months", IntStream.rangeClosed(1, result.months()).mapToObj((k) -> "+" + k).toList(),
							"cohorts", result.cohorts().stream().map(RetentionAnalysis.Cohort::cohort).toList(),
							"cells", cells));
		}
		return RETENTION_VIEW;
	}

	@GetMapping("/retention.csv")
	ResponseEntity<byte[]> retentionCsv(
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate to) {
		return csv("retention", "retention", AnalysisCsv.retention(this.analyses.retention(from, to)));
	}

	/**
	 * Runs the analysis; bad filters (a reversed period, wrong cut points) become a
	 * message on the page instead of an error page.
	 */
	private <T> @Nullable T attempt(Model model, Locale locale, Supplier<T> analysis) {
		model.addAttribute("fmt", new Figures(locale, this.shop.currency()));
		try {
			return analysis.get();
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("error", ex.getMessage());
			return null;
		}
	}

	private ResponseEntity<byte[]> csv(String name, String filename, String body) {
		this.auditLog.record(EXPORT_ACTION, name);
		byte[] bytes = ("\uFEFF" + body).getBytes(StandardCharsets.UTF_8);
		return ResponseEntity.ok()
			.contentType(CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(filename + ".csv").build().toString())
			.body(bytes);
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<ProblemDetail> badFilter(IllegalArgumentException ex) {
		return ResponseEntity.badRequest()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage()));
	}

	private static double percent(double share) {
		return Math.round(share * 1000) / 10.0;
	}

}
