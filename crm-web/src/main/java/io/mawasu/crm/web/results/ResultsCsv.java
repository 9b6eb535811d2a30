package io.mawasu.crm.web.results;

import io.mawasu.crm.analytics.Drilldown;
import io.mawasu.crm.analytics.ScenarioMetrics;
import org.jspecify.annotations.Nullable;

/**
 * The results as CSV (RFC 4180: fields with a comma, quote or line break are quoted). A
 * spreadsheet runs a cell that starts with = + - @ TAB or CR as a formula, so such text
 * fields get a leading apostrophe (OWASP CSV injection); numbers are written as numbers.
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
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				out.append(',');
			}
			out.append(field(values[i]));
		}
		out.append("\r\n");
	}

	static String field(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof Number) {
			return value.toString();
		}
		String text = value.toString();
		if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
			text = "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}

}
