package io.mawasu.crm.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.mawasu.crm.analytics.CycleRequest.Expected;
import io.mawasu.crm.analytics.CycleRequest.Kgi;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.scenario.ScenarioStatus;
import org.jspecify.annotations.Nullable;

/**
 * A PDCA cycle as the API shows it. {@code stage} and {@code stall} are derived when
 * read; {@code stageSince} is when the current stage opened and {@code stalledSince} when
 * the wait in it passed its limit ({@link PdcaProperties}). {@code expectedEffect} was
 * computed when the cycle was created, before anything was sent.
 */
public record CycleView(long id, String title, String owner, String decisionMaker, LocalDate from, LocalDate to,
		Kgi kgi, String hypothesis, long segmentId, List<Long> scenarioIds, List<Long> kpiIds, Expected expected,
		Stage stage, @Nullable Stall stall, @Nullable Instant stalledSince, Instant stageSince,
		ExpectedEffect expectedEffect, @Nullable Long requiredSampleSize, List<LinkedScenario> scenarios,
		List<DecisionView> decisions, List<Action> actions, @Nullable String approvedBy, @Nullable Instant approvedAt,
		@Nullable Instant launchedAt, @Nullable Instant reviewedAt, @Nullable Instant decidedAt,
		@Nullable Instant doneAt, @Nullable Long previousCycleId, @Nullable Long nextCycleId,
		@Nullable String createdBy, Instant createdAt) {

	/**
	 * Reach of 4R: members of the segment reachable on a channel the linked scenarios
	 * send on; conversions = reachable × conversion rate; revenue = conversions × average
	 * order value.
	 */
	public record ExpectedEffect(long reachable, double conversions, BigDecimal revenue) {
	}

	/** A linked scenario with its state and the channels it sends on. */
	public record LinkedScenario(long id, String name, ScenarioStatus status, List<Channel> channels,
			@Nullable Instant activatedAt) {
	}

	/** The decision recorded for one scenario, with its reason. */
	public record DecisionView(long scenarioId, Decision decision, String reason, @Nullable String decidedBy,
			Instant decidedAt) {
	}

	/**
	 * Something to do in this cycle, carried from the previous cycle's TRY card
	 * {@code cardId} with its votes, owner and due date.
	 */
	public record Action(String text, @Nullable Long cardId, int votes, @Nullable String owner,
			@Nullable LocalDate dueDate) {
	}

}
