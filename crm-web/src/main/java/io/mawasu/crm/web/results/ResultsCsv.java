package io.mawasu.crm.web.results;

import io.mawasu.crm.analytics.Drilldown;
import io.mawasu.crm.analytics.ScenarioMetrics;
import io.mawasu.crm.web.CsvWriter;
import org.jspecify.annotations.Nullable;

/**
 * The results as CSV, written by {@link CsvWriter} (RFC 4180; text cells that a
 * spreadsheet would run as a formula get a leading apostrophe; numbers are written as
 * numbers).
 */
final class ResultsCsv {

	private ResultsCsv() {
	}

	static void write(StringBuilder out, ScenarioMetrics m, Drilldown drilldown) {
		row(out, "section", "key", "size", "delivered", "unique_opens", "unique_clicks", "conversions", "revenue",
				"cvr", "p_value", "q_value");
		ScenarioMetrics.Treatment t = m.treatment();
		row(out, "group", "TREATMENT", t.size(), t.delivered(), t.uniqueOpens(), t.uniqueClicks(), t.conversions(),
				t.revenue(), t.cvr(), null, null);
		row(out, "group", "CONTROL", m.control().size(), null, null, null, m.control().conversions(),
				m.control().revenue(), m.control().cvr(), null, null);
		row(out, "lift", "absolute", null, null, null, null, m.lift().incrementalConversions(),
				m.lift().incrementalRevenue(), m.lift().absolute(), m.lift().pValue(), null);
		for (ScenarioMetrics.Step s : m.byStep()) {
			row(out, "step", s.step(), null, s.delivered(), s.uniqueOpens(), s.uniqueClicks(), s.conversions(), null,
					null, null, null);
		}
		for (ScenarioMetrics.Variant v : m.byVariant()) {
			row(out, "variant", v.variant(), v.size(), v.delivered(), v.uniqueOpens(), v.uniqueClicks(),
					v.conversions(), null, v.cvr(), (v.vsA() != null) ? v.vsA().pValue() : null, null);
		}
		for (ScenarioMetrics.Day d : m.byDay()) {
			row(out, "day", d.date().toString(), null, d.delivered(), d.uniqueOpens(), d.uniqueClicks(),
					d.conversions(), null, null, null, null);
		}
		for (Drilldown.Row r : drilldown.rows()) {
			row(out, drilldown.by(), r.value(), r.treatment().size() + r.control().size(), null, null, null,
					r.treatment().conversions() + r.control().conversions(), null, r.lift().absolute(),
					r.lift().pValue(), r.qValue());
		}
	}

	static void row(StringBuilder out, @Nullable Object... values) {
		new CsvWriter(out).row(values);
	}

}
