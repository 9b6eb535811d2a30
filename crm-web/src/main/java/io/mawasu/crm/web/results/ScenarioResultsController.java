package io.mawasu.crm.web.results;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mawasu.crm.analytics.Drilldown;
import io.mawasu.crm.analytics.InvalidAnalyticsRequest;
import io.mawasu.crm.analytics.ScenarioMetrics;
import io.mawasu.crm.analytics.ScenarioResults;
import io.mawasu.crm.scenario.UnknownScenario;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * A scenario's results page ({@code /scenarios/{id}/results}): funnel, lift with its
 * interval, per step, variant and day, the drill-down (an htmx fragment per dimension)
 * and the CSV export; and the launch check fragment of the scenario page.
 */
@Controller
class ScenarioResultsController {

	static final String RESULTS_VIEW = "scenarios/results";

	static final String DRILLDOWN_FRAGMENT = "fragments/check :: drilldown";

	static final String LAUNCH_CHECK_FRAGMENT = "fragments/check :: launchCheck";

	private final ScenarioResults results;

	ScenarioResultsController(ScenarioResults results) {
		this.results = results;
	}

	@GetMapping("/scenarios/{id}/results")
	String results(@PathVariable long id, @RequestParam(defaultValue = "prefecture") String by, Model model) {
		ScenarioMetrics metrics = this.results.metrics(id);
		model.addAttribute("metrics", metrics);
		model.addAttribute("scenarioId", id);
		model.addAttribute("chart", chart(metrics));
		model.addAttribute("dimensions", dimensions());
		model.addAttribute("drilldown", this.results.drilldown(id, dimension(by)));
		return RESULTS_VIEW;
	}

	@GetMapping("/scenarios/{id}/results/drilldown")
	String drilldown(@PathVariable long id, @RequestParam(defaultValue = "prefecture") String by, Model model) {
		model.addAttribute("scenarioId", id);
		model.addAttribute("drilldown", this.results.drilldown(id, dimension(by)));
		return DRILLDOWN_FRAGMENT;
	}

	@GetMapping("/scenarios/{id}/launch-check")
	String launchCheck(@PathVariable long id, Model model) {
		model.addAttribute("check", this.results.launchCheck(id));
		return LAUNCH_CHECK_FRAGMENT;
	}

	/** Every figure of the page as CSV, safe to open in a spreadsheet. */
	@GetMapping("/scenarios/{id}/results.csv")
	ResponseEntity<byte[]> csv(@PathVariable long id) {
		ScenarioMetrics m = this.results.metrics(id);
		StringBuilder out = new StringBuilder();
		ResultsCsv.write(out, m, this.results.drilldown(id, Drilldown.Dimension.PREFECTURE));
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"scenario-" + id + "-results.csv\"")
			.body(out.toString().getBytes(StandardCharsets.UTF_8));
	}

	@ExceptionHandler(UnknownScenario.class)
	void unknown(UnknownScenario ex) {
		throw new ResponseStatusException(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	private static Drilldown.Dimension dimension(String by) {
		try {
			return Drilldown.Dimension.of(by);
		}
		catch (InvalidAnalyticsRequest ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
	}

	private static List<String> dimensions() {
		List<String> names = new ArrayList<>();
		for (Drilldown.Dimension d : Drilldown.Dimension.values()) {
			names.add(d.apiName());
		}
		return names;
	}

	/** The chart series as plain data for ECharts. */
	private static Map<String, Object> chart(ScenarioMetrics m) {
		Map<String, Object> chart = new LinkedHashMap<>();
		ScenarioMetrics.Treatment t = m.treatment();
		chart.put("funnel", List.of(t.size(), t.delivered(), t.uniqueOpens(), t.uniqueClicks(), t.conversions()));
		chart.put("controlConversions", m.control().conversions());
		chart.put("controlSize", m.control().size());
		ScenarioMetrics.Lift lift = m.lift();
		chart.put("lift", lift.absolute());
		chart.put("ci", lift.ci95());
		List<String> days = new ArrayList<>();
		List<Long> delivered = new ArrayList<>();
		List<Long> opens = new ArrayList<>();
		List<Long> clicks = new ArrayList<>();
		List<Long> conversions = new ArrayList<>();
		for (ScenarioMetrics.Day d : m.byDay()) {
			days.add(d.date().toString());
			delivered.add(d.delivered());
			opens.add(d.uniqueOpens());
			clicks.add(d.uniqueClicks());
			conversions.add(d.conversions());
		}
		chart.put("days", days);
		chart.put("delivered", delivered);
		chart.put("opens", opens);
		chart.put("clicks", clicks);
		chart.put("conversions", conversions);
		return chart;
	}

}
