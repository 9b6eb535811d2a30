package io.mawasu.crm.analytics.pdca;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** One row of {@code analytics.cycle}, with the id of the cycle started after it. */
public record CycleRow(long id, String title, String owner, String decisionMaker, LocalDate from, LocalDate to,
		String kgiName, BigDecimal kgiTarget, String hypothesis, long segmentId, List<Long> scenarioIds,
		List<Long> kpiIds, double conversionRate, BigDecimal averageOrderValue, long reachable, double conversions,
		BigDecimal revenue, @Nullable Long requiredSampleSize, @Nullable Long previousCycleId,
		@Nullable Long nextCycleId, @Nullable String createdBy, Instant createdAt, @Nullable String approvedBy,
		@Nullable Instant approvedAt, @Nullable Instant doneAt) {

}
