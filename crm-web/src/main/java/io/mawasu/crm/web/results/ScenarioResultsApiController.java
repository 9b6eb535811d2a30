package io.mawasu.crm.web.results;

import java.util.Map;

import io.mawasu.crm.analytics.Drilldown;
import io.mawasu.crm.analytics.InvalidAnalyticsRequest;
import io.mawasu.crm.analytics.MetricsRollups;
import io.mawasu.crm.analytics.SampleSize;
import io.mawasu.crm.analytics.ScenarioMetrics;
import io.mawasu.crm.analytics.ScenarioResults;
import io.mawasu.crm.analytics.TwoProportions;
import io.mawasu.crm.web.audit.AuditLog;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Check over the API (ANALYST, MANAGER, MARKETER, ADMIN): a scenario's metrics and
 * drill-down, the two-proportion statistics and sample sizes the pages use; an ADMIN may
 * rebuild the rollups from the raw tables.
 */
@RestController
class ScenarioResultsApiController {

	private static final long MAX_COUNT = 1_000_000_000_000L;

	private final ScenarioResults results;

	private final MetricsRollups rollups;

	private final AuditLog audit;

	ScenarioResultsApiController(ScenarioResults results, MetricsRollups rollups, AuditLog audit) {
		this.results = results;
		this.rollups = rollups;
		this.audit = audit;
	}

	@GetMapping("/api/scenarios/{id}/metrics")
	ScenarioMetrics metrics(@PathVariable long id) {
		return this.results.metrics(id);
	}

	@GetMapping("/api/scenarios/{id}/metrics/drilldown")
	Drilldown drilldown(@PathVariable long id, @RequestParam(required = false) @Nullable String by) {
		if (by == null || by.isBlank()) {
			throw new InvalidAnalyticsRequest("by",
					"is required: one of prefecture, gender, ageBand, rfmSegment, channel");
		}
		return this.results.drilldown(id, Drilldown.Dimension.of(by.length() > 40 ? by.substring(0, 40) : by));
	}

	@GetMapping("/api/stats/two-proportions")
	TwoProportions twoProportions(@RequestParam(required = false) @Nullable String x1,
			@RequestParam(required = false) @Nullable String n1, @RequestParam(required = false) @Nullable String x2,
			@RequestParam(required = false) @Nullable String n2) {
		long cx1 = count("x1", x1);
		long cn1 = count("n1", n1);
		long cx2 = count("x2", x2);
		long cn2 = count("n2", n2);
		check("x1", cx1, "n1", cn1);
		check("x2", cx2, "n2", cn2);
		return TwoProportions.of(cx1, cn1, cx2, cn2);
	}

	record PerGroup(long perGroup) {
	}

	@GetMapping("/api/stats/sample-size")
	PerGroup sampleSize(@RequestParam(required = false) @Nullable String p1,
			@RequestParam(required = false) @Nullable String p2,
			@RequestParam(required = false, defaultValue = "0.05") String alpha,
			@RequestParam(required = false, defaultValue = "0.8") String power) {
		double r1 = rate("p1", p1);
		double r2 = rate("p2", p2);
		double a = rate("alpha", alpha);
		double w = rate("power", power);
		if (r1 == r2) {
			throw new InvalidAnalyticsRequest("p2", "must differ from p1: no sample size detects a difference of 0");
		}
		if (w <= a / 2) {
			throw new InvalidAnalyticsRequest("power", "must be greater than alpha / 2");
		}
		try {
			return new PerGroup(SampleSize.perGroup(r1, r2, a, w));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidAnalyticsRequest("p2", ex.getMessage());
		}
	}

	@PostMapping("/api/analytics/rollups/rebuild")
	Map<String, Integer> rebuild() {
		MetricsRollups.RefreshResult result = this.rollups.rebuild();
		this.audit.record("analytics.rollups.rebuild", "outcomes:" + result.outcomes());
		return Map.of("engagementBuckets", result.engagementBuckets(), "outcomes", result.outcomes());
	}

	private static long count(String field, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidAnalyticsRequest(field, "is required: a whole number");
		}
		try {
			long n = Long.parseLong(value.strip());
			if (n > MAX_COUNT) {
				throw new InvalidAnalyticsRequest(field, "must be at most " + MAX_COUNT);
			}
			return n;
		}
		catch (NumberFormatException ex) {
			throw new InvalidAnalyticsRequest(field, "must be a whole number, got '" + shorten(value) + "'");
		}
	}

	private static void check(String x, long xv, String n, long nv) {
		if (nv < 1) {
			throw new InvalidAnalyticsRequest(n, "must be at least 1, got " + nv);
		}
		if (xv < 0) {
			throw new InvalidAnalyticsRequest(x, "must not be negative, got " + xv);
		}
		if (xv > nv) {
			throw new InvalidAnalyticsRequest(x, "must not exceed " + n + " (" + nv + "), got " + xv);
		}
	}

	private static double rate(String field, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidAnalyticsRequest(field, "is required: a rate between 0 and 1, such as 0.05");
		}
		double r;
		try {
			r = Double.parseDouble(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidAnalyticsRequest(field, "must be a number between 0 and 1, got '" + shorten(value) + "'");
		}
		if (!(r > 0 && r < 1)) {
			throw new InvalidAnalyticsRequest(field,
					"must lie strictly between 0 and 1 (a fraction, not a percent), got " + shorten(value));
		}
		return r;
	}

	private static String shorten(String value) {
		String v = value.replace('\0', '?');
		return (v.length() > 40) ? v.substring(0, 40) + "…" : v;
	}

}
