package io.mawasu.crm.web.kpis;

import java.math.BigDecimal;
import java.time.LocalDate;

import io.mawasu.crm.analytics.InvalidAnalyticsRequest;
import io.mawasu.crm.analytics.KpiMetric;
import io.mawasu.crm.analytics.KpiRequest;
import io.mawasu.crm.analytics.Kpis;
import io.mawasu.crm.analytics.ScenarioResults;
import io.mawasu.crm.scenario.Scenarios;
import io.mawasu.crm.segmentation.Segments;
import io.mawasu.crm.web.audit.AuditLog;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The KPI board ({@code /kpis}): progress against target per KPI with the likely factor
 * of those behind, a channel comparison across scenarios, and (MARKETER, MANAGER, ADMIN)
 * a form to add a KPI and a button to delete one, both audited.
 */
@Controller
class KpiController {

	static final String BOARD_VIEW = "kpis/board";

	private final Kpis kpis;

	private final ScenarioResults results;

	private final Scenarios scenarios;

	private final Segments segments;

	private final AuditLog audit;

	KpiController(Kpis kpis, ScenarioResults results, Scenarios scenarios, Segments segments, AuditLog audit) {
		this.kpis = kpis;
		this.results = results;
		this.scenarios = scenarios;
		this.segments = segments;
		this.audit = audit;
	}

	@GetMapping("/kpis")
	String board(Model model) {
		model.addAttribute("kpis", this.kpis.list());
		model.addAttribute("channels", this.results.channels());
		model.addAttribute("metrics", KpiMetric.values());
		model.addAttribute("scenarioOptions", this.scenarios.list());
		model.addAttribute("segmentOptions", this.segments.list());
		return BOARD_VIEW;
	}

	@PostMapping("/kpis")
	String create(@RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable String metric,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(required = false) @Nullable BigDecimal target,
			@RequestParam(required = false) @Nullable BigDecimal baseline,
			@RequestParam(required = false) @Nullable Long scenarioId,
			@RequestParam(required = false) @Nullable Long segmentId, Authentication user,
			RedirectAttributes redirect) {
		try {
			long id = this.kpis.create(new KpiRequest(name, metric, from, to, target, baseline, scenarioId, segmentId),
					user.getName());
			this.audit.record("kpi.create", "kpi:" + id);
			redirect.addFlashAttribute("kpiNotice", "kpis.created");
		}
		catch (InvalidAnalyticsRequest ex) {
			redirect.addFlashAttribute("kpiProblem", ex.getMessage());
		}
		return "redirect:/kpis";
	}

	@PostMapping("/kpis/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		if (this.kpis.delete(id)) {
			this.audit.record("kpi.delete", "kpi:" + id);
			redirect.addFlashAttribute("kpiNotice", "kpis.deleted");
		}
		return "redirect:/kpis";
	}

}
