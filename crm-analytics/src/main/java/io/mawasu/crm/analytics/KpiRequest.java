package io.mawasu.crm.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A KPI as posted: {@code metric} one of {@link KpiMetric}, {@code from}/{@code to}
 * inclusive dates, {@code target} above 0.
 */
public record KpiRequest(@Nullable String name, @Nullable String metric, @Nullable LocalDate from,
		@Nullable LocalDate to, @Nullable BigDecimal target, @Nullable BigDecimal baseline, @Nullable Long scenarioId,
		@Nullable Long segmentId) {
}
