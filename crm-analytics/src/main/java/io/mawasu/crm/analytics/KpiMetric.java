package io.mawasu.crm.analytics;

/**
 * What a KPI measures over its period (inclusive dates in the shop's zone). Customer
 * metrics may be restricted to a segment's current members; scenario metrics need a
 * scenario and count its enrolments whose enrolment date falls in the period.
 * <ul>
 * <li>{@code PURCHASING_CUSTOMERS}: distinct customers with a purchase (amount &gt;
 * 0).</li>
 * <li>{@code AVERAGE_ORDER_VALUE}: sum of purchase amounts / purchases.</li>
 * <li>{@code PURCHASE_FREQUENCY}: purchases / purchasing customers.</li>
 * <li>{@code REVENUE}: sum of every amount (refunds reduce it).</li>
 * <li>{@code NEW_CUSTOMERS}: customers whose first order falls in the period.</li>
 * <li>{@code F2_RATE}: of those, the share whose second order came before the period
 * ended.</li>
 * <li>{@code SCENARIO_CVR}, {@code SCENARIO_CONVERSIONS}: the treatment's cvr and
 * conversions; {@code SCENARIO_INCREMENTAL_CONVERSIONS}: (cvr(T) − cvr(C)) ×
 * size(T).</li>
 * <li>{@code SCENARIO_OPEN_RATE}, {@code SCENARIO_CTR}: unique opens / clicks over the
 * scenario's messages delivered on the period's days.</li>
 * </ul>
 */
public enum KpiMetric {

	PURCHASING_CUSTOMERS(false), AVERAGE_ORDER_VALUE(false), PURCHASE_FREQUENCY(false), REVENUE(false),
	NEW_CUSTOMERS(false), F2_RATE(false), SCENARIO_CVR(true), SCENARIO_CONVERSIONS(true),
	SCENARIO_INCREMENTAL_CONVERSIONS(true), SCENARIO_OPEN_RATE(true), SCENARIO_CTR(true);

	private final boolean perScenario;

	KpiMetric(boolean perScenario) {
		this.perScenario = perScenario;
	}

	public boolean perScenario() {
		return this.perScenario;
	}

}
