package io.mawasu.crm.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.mawasu.crm.analytics.CycleRequest.Expected;
import io.mawasu.crm.analytics.CycleRequest.Kgi;
import io.mawasu.crm.analytics.CycleView.Action;
import io.mawasu.crm.analytics.CycleView.DecisionView;
import io.mawasu.crm.analytics.CycleView.ExpectedEffect;
import io.mawasu.crm.analytics.CycleView.LinkedScenario;
import io.mawasu.crm.analytics.kpt.KptQueries;
import io.mawasu.crm.analytics.pdca.CycleQueries;
import io.mawasu.crm.analytics.pdca.CycleQueries.CycleDecision;
import io.mawasu.crm.analytics.pdca.CycleQueries.Review;
import io.mawasu.crm.analytics.pdca.CycleRow;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.scenario.ScenarioDefinition.Send;
import io.mawasu.crm.scenario.ScenarioStatus;
import io.mawasu.crm.scenario.ScenarioView;
import io.mawasu.crm.scenario.Scenarios;
import io.mawasu.crm.segmentation.Segments;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * PDCA cycles: plan one (with its expected effect), approve it, review its results,
 * decide per scenario and start the next one. The stage and the stall are derived from
 * what happened each time a cycle is read (see {@link Stage}, {@link Stall}), with the
 * time from the application's {@link Clock}.
 */
@Service
@EnableConfigurationProperties(PdcaProperties.class)
public class Cycles {

	static final int MAX_TITLE = 200;

	static final int MAX_TEXT = 4000;

	static final int MAX_REASON = 2000;

	static final int MAX_USERNAME = 100;

	static final int MAX_LINKS = 50;

	static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");

	private final CycleQueries queries;

	private final KptQueries kpt;

	private final Scenarios scenarios;

	private final Segments segments;

	private final PdcaProperties properties;

	private final Clock clock;

	Cycles(CycleQueries queries, KptQueries kpt, Scenarios scenarios, Segments segments, PdcaProperties properties,
			ObjectProvider<Clock> clock) {
		this.queries = queries;
		this.kpt = kpt;
		this.scenarios = scenarios;
		this.segments = segments;
		this.properties = properties;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/**
	 * Plans a cycle in PLAN. Checks every field (an {@link InvalidCycle} names the first
	 * at fault; the caller has checked that {@code owner} and {@code decisionMaker} are
	 * users) and computes the expected effect from the segment's reach now.
	 */
	@Transactional
	public CycleView create(CycleRequest request, @Nullable String actor) {
		String title = text("title", request.title(), MAX_TITLE);
		String owner = text("owner", request.owner(), MAX_USERNAME);
		String decisionMaker = text("decisionMaker", request.decisionMaker(), MAX_USERNAME);
		LocalDate from = date("from", request.from());
		LocalDate to = date("to", request.to());
		if (to.isBefore(from)) {
			throw new InvalidCycle("to", "the period ends (" + to + ") before it starts (" + from + ")");
		}
		if (ChronoUnit.DAYS.between(from, to) > 3 * 366) {
			throw new InvalidCycle("to", "a cycle lasts at most three years");
		}
		Kgi kgi = request.kgi();
		if (kgi == null) {
			throw new InvalidCycle("kgi", "is required: {\"name\",\"target\"}");
		}
		String kgiName = text("kgi.name", kgi.name(), MAX_TITLE);
		BigDecimal kgiTarget = amount("kgi.target", kgi.target());
		String hypothesis = text("hypothesis", request.hypothesis(), MAX_TEXT);
		Long segmentId = request.segmentId();
		if (segmentId == null) {
			throw new InvalidCycle("segmentId", "is required");
		}
		if (this.segments.find(segmentId).isEmpty()) {
			throw new InvalidCycle("segmentId", "no segment with id " + segmentId);
		}
		List<Long> scenarioIds = ids("scenarioIds", request.scenarioIds(), true);
		List<ScenarioView> linked = new ArrayList<>();
		for (int i = 0; i < scenarioIds.size(); i++) {
			long id = scenarioIds.get(i);
			linked.add(this.scenarios.find(id)
				.orElseThrow(() -> new InvalidCycle("scenarioIds", "no scenario with id " + id)));
		}
		List<Long> kpiIds = ids("kpiIds", request.kpiIds(), false);
		Expected expected = request.expected();
		if (expected == null) {
			throw new InvalidCycle("expected", "is required: {\"conversionRate\",\"averageOrderValue\"}");
		}
		Double rate = expected.conversionRate();
		if (rate == null || rate.isNaN() || rate <= 0 || rate > 1) {
			throw new InvalidCycle("expected.conversionRate", "must be a rate above 0 and at most 1 (e.g. 0.05)");
		}
		BigDecimal averageOrderValue = amount("expected.averageOrderValue", expected.averageOrderValue());
		ExpectedEffect effect = expectedEffect(segmentId, linked, rate, averageOrderValue);
		Instant now = this.clock.instant();
		long id = this.queries.insert(new CycleRow(0, title, owner, decisionMaker, from, to, kgiName, kgiTarget,
				hypothesis, segmentId, scenarioIds, kpiIds, rate, averageOrderValue, effect.reachable(),
				effect.conversions(), effect.revenue(), null, null, null, actor, now, null, null, null));
		return view(id);
	}

	/** The cycle with its stage and stall as of now. */
	@Transactional(readOnly = true)
	public Optional<CycleView> find(long id) {
		return this.queries.find(id).map((row) -> views(List.of(row)).get(0));
	}

	/**
	 * Every cycle, newest first; only stalled ones when {@code stalledOnly}, only those
	 * in {@code stage} when given.
	 */
	@Transactional(readOnly = true)
	public List<CycleView> list(boolean stalledOnly, @Nullable Stage stage) {
		return views(this.queries.findAll()).stream()
			.filter((cycle) -> !stalledOnly || cycle.stall() != null)
			.filter((cycle) -> stage == null || cycle.stage() == stage)
			.toList();
	}

	/** The decision maker's approval of the plan (PLAN only, once). */
	@Transactional
	public CycleView approve(long id, @Nullable String actor) {
		CycleRow row = lock(id);
		CycleView cycle = views(List.of(row)).get(0);
		if (cycle.stage() != Stage.PLAN || row.approvedAt() != null) {
			throw new CycleConflict(
					"Cycle " + id + " is " + cycle.stage() + ((row.approvedAt() != null) ? " and already approved" : "")
							+ "; only a PLAN awaiting approval can be approved");
		}
		this.queries.approve(id, actor, this.clock.instant());
		return view(id);
	}

	/**
	 * Records that someone reviewed the results, which moves a cycle in DO to CHECK. A
	 * cycle whose scenarios have not launched has nothing to review.
	 */
	@Transactional
	public CycleView review(long id, @Nullable String actor) {
		CycleRow row = lock(id);
		CycleView cycle = views(List.of(row)).get(0);
		if (cycle.stage() == Stage.PLAN || cycle.stage() == Stage.DONE) {
			throw new CycleConflict("Cycle " + id + " is " + cycle.stage() + ": "
					+ ((cycle.stage() == Stage.PLAN) ? "nothing has launched yet, so there are no results to review"
							: "it is done; review the cycle that followed it"));
		}
		this.queries.insertReview(id, actor, this.clock.instant());
		return view(id);
	}

	/**
	 * Records a review when the cycle has results to review (opening its Check tab);
	 * returns whether it did.
	 */
	@Transactional
	public boolean reviewIfLaunched(long id, @Nullable String actor) {
		CycleView cycle = find(id).orElseThrow(() -> UnknownCycle.cycle(id));
		if (cycle.stage() == Stage.PLAN || cycle.stage() == Stage.DONE) {
			return false;
		}
		this.queries.insertReview(id, actor, this.clock.instant());
		return true;
	}

	/**
	 * The decision on one linked scenario, with its reason (CHECK or ACT). STOP archives
	 * the scenario, so it needs {@code confirm}; without it nothing changes.
	 */
	@Transactional
	public CycleView decide(long id, @Nullable Long scenarioId, @Nullable Decision decision, @Nullable String reason,
			boolean confirm, @Nullable String actor) {
		CycleRow row = lock(id);
		if (scenarioId == null) {
			throw new InvalidCycle("scenarioId", "is required");
		}
		if (!row.scenarioIds().contains(scenarioId)) {
			throw new InvalidCycle("scenarioId",
					"scenario " + scenarioId + " is not linked to cycle " + id + "; linked: " + row.scenarioIds());
		}
		if (decision == null) {
			throw new InvalidCycle("decision", "is required: CONTINUE, IMPROVE or STOP");
		}
		String why = text("reason", reason, MAX_REASON);
		CycleView cycle = views(List.of(row)).get(0);
		if (cycle.stage() != Stage.CHECK && cycle.stage() != Stage.ACT) {
			throw new CycleConflict("Cycle " + id + " is " + cycle.stage()
					+ "; decisions follow a review of the results (CHECK or ACT)");
		}
		if (decision == Decision.STOP) {
			if (!confirm) {
				throw new InvalidCycle("confirm", "STOP archives scenario " + scenarioId
						+ " and ends its enrolments; send \"confirm\": true to go ahead");
			}
			ScenarioView scenario = this.scenarios.find(scenarioId)
				.orElseThrow(() -> new InvalidCycle("scenarioId", "no scenario with id " + scenarioId));
			if (scenario.status() != ScenarioStatus.ARCHIVED) {
				this.scenarios.archive(scenarioId);
			}
		}
		this.queries.upsertDecision(id, scenarioId, decision, why, actor, this.clock.instant());
		return view(id);
	}

	/**
	 * Starts the next cycle (ACT only): a copy of this one in PLAN with the period
	 * shifted by its length, whose actions are this cycle's TRY cards, most voted first.
	 * This cycle becomes DONE.
	 */
	@Transactional
	public CycleView next(long id, @Nullable String actor) {
		CycleRow row = lock(id);
		CycleView cycle = views(List.of(row)).get(0);
		if (cycle.stage() != Stage.ACT) {
			throw new CycleConflict("Cycle " + id + " is " + cycle.stage()
					+ "; the next cycle starts after a decision on every scenario (ACT)");
		}
		long days = ChronoUnit.DAYS.between(row.from(), row.to()) + 1;
		LocalDate from = row.to().plusDays(1);
		LocalDate to = row.to().plusDays(days);
		List<ScenarioView> linked = row.scenarioIds()
			.stream()
			.map(this.scenarios::find)
			.flatMap(Optional::stream)
			.toList();
		ExpectedEffect effect = expectedEffect(row.segmentId(), linked, row.conversionRate(), row.averageOrderValue());
		Instant now = this.clock.instant();
		long next = this.queries.insert(new CycleRow(0, row.title(), row.owner(), row.decisionMaker(), from, to,
				row.kgiName(), row.kgiTarget(), row.hypothesis(), row.segmentId(), row.scenarioIds(), row.kpiIds(),
				row.conversionRate(), row.averageOrderValue(), effect.reachable(), effect.conversions(),
				effect.revenue(), row.requiredSampleSize(), id, null, actor, now, null, null, null));
		this.queries.insertActions(next, this.kpt.tryActions(id));
		this.queries.markDone(id, now);
		return view(next);
	}

	/**
	 * What needs this user today: plans awaiting their approval, launched cycles they own
	 * with no review, reviewed cycles awaiting their decision, and cycles in ACT whose
	 * retrospective board is open.
	 */
	@Transactional(readOnly = true)
	public Todo todo(String username) {
		List<CycleView> all = views(this.queries.findAll());
		List<CycleView> approvals = new ArrayList<>();
		List<CycleView> reviews = new ArrayList<>();
		List<CycleView> decisions = new ArrayList<>();
		List<CycleView> retrospectives = new ArrayList<>();
		Set<Long> closed = this.kpt.closedBoards();
		for (CycleView cycle : all) {
			boolean decides = cycle.decisionMaker().equalsIgnoreCase(username);
			boolean owns = cycle.owner().equalsIgnoreCase(username);
			if (cycle.stage() == Stage.PLAN && cycle.approvedAt() == null && decides) {
				approvals.add(cycle);
			}
			if (cycle.stage() == Stage.DO && (owns || decides)) {
				reviews.add(cycle);
			}
			if (cycle.stage() == Stage.CHECK && decides) {
				decisions.add(cycle);
			}
			if (cycle.stage() == Stage.ACT && !closed.contains(cycle.id())) {
				retrospectives.add(cycle);
			}
		}
		return new Todo(approvals, reviews, decisions, retrospectives);
	}

	/** What needs a user today, per kind. */
	public record Todo(List<CycleView> approvals, List<CycleView> reviews, List<CycleView> decisions,
			List<CycleView> retrospectives) {

		public boolean isEmpty() {
			return this.approvals.isEmpty() && this.reviews.isEmpty() && this.decisions.isEmpty()
					&& this.retrospectives.isEmpty();
		}

	}

	private CycleRow lock(long id) {
		return this.queries.lock(id).orElseThrow(() -> UnknownCycle.cycle(id));
	}

	private CycleView view(long id) {
		return find(id).orElseThrow(() -> UnknownCycle.cycle(id));
	}

	private ExpectedEffect expectedEffect(long segmentId, List<ScenarioView> linked, double rate,
			BigDecimal averageOrderValue) {
		Set<Channel> channels = EnumSet.noneOf(Channel.class);
		linked.forEach((scenario) -> channels.addAll(channels(scenario)));
		long reachable = this.queries.reachable(this.segments.memberIds(segmentId), channels);
		double conversions = reachable * rate;
		BigDecimal revenue = BigDecimal.valueOf(conversions)
			.multiply(averageOrderValue)
			.setScale(2, RoundingMode.HALF_UP);
		return new ExpectedEffect(reachable, conversions, revenue);
	}

	private static List<Channel> channels(ScenarioView scenario) {
		Set<Channel> channels = new LinkedHashSet<>();
		scenario.steps().forEach((step) -> {
			if (step instanceof Send send) {
				channels.add(send.channel());
			}
		});
		return List.copyOf(channels);
	}

	private List<CycleView> views(List<CycleRow> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		List<Long> ids = rows.stream().map(CycleRow::id).toList();
		Map<Long, List<Review>> reviews = new HashMap<>();
		this.queries.reviews(ids)
			.forEach((review) -> reviews.computeIfAbsent(review.cycleId(), (k) -> new ArrayList<>()).add(review));
		Map<Long, List<DecisionView>> decisions = new HashMap<>();
		for (CycleDecision decision : this.queries.decisions(ids)) {
			decisions.computeIfAbsent(decision.cycleId(), (k) -> new ArrayList<>()).add(decision.decision());
		}
		Map<Long, Optional<LinkedScenario>> scenarioCache = new HashMap<>();
		Instant now = this.clock.instant();
		List<CycleView> views = new ArrayList<>(rows.size());
		for (CycleRow row : rows) {
			List<LinkedScenario> linked = row.scenarioIds()
				.stream()
				.map((sid) -> scenarioCache.computeIfAbsent(sid, (k) -> this.scenarios.find(k)
					.map((s) -> new LinkedScenario(s.id(), s.name(), s.status(), channels(s), s.activatedAt()))))
				.flatMap(Optional::stream)
				.toList();
			views.add(derive(row, linked, reviews.getOrDefault(row.id(), List.of()),
					decisions.getOrDefault(row.id(), List.of()), now));
		}
		return views;
	}

	/**
	 * Stage and stall from what happened, in order; see {@link Stage} and {@link Stall}.
	 */
	private CycleView derive(CycleRow row, List<LinkedScenario> linked, List<Review> reviews,
			List<DecisionView> decisions, Instant now) {
		PdcaProperties.Stall limits = this.properties.stall();
		Stage stage = Stage.PLAN;
		Instant since = row.createdAt();
		Instant stallClock = null;
		Duration limit = null;
		Stall stall = null;
		Instant launchedAt = null;
		Instant reviewedAt = null;
		Instant decidedAt = null;
		if (row.approvedAt() != null) {
			stallClock = row.approvedAt();
			limit = limits.planToDo();
			stall = Stall.PLAN_TO_DO;
			Instant firstLive = linked.stream()
				.filter((s) -> s.status() != ScenarioStatus.DRAFT && s.activatedAt() != null)
				.map(LinkedScenario::activatedAt)
				.min(Comparator.naturalOrder())
				.orElse(null);
			if (firstLive != null) {
				launchedAt = firstLive.isAfter(row.approvedAt()) ? firstLive : row.approvedAt();
				stage = Stage.DO;
				since = launchedAt;
				stallClock = null;
				stall = null;
				Instant launched = launchedAt;
				reviewedAt = reviews.stream()
					.map(Review::at)
					.filter((at) -> !at.isBefore(launched))
					.findFirst()
					.orElse(null);
			}
		}
		if (reviewedAt != null) {
			stage = Stage.CHECK;
			since = reviewedAt;
			stallClock = reviewedAt;
			limit = limits.checkToAct();
			stall = Stall.CHECK_TO_ACT;
			Set<Long> decided = new LinkedHashSet<>();
			Instant last = null;
			for (DecisionView decision : decisions) {
				decided.add(decision.scenarioId());
				last = (last == null || decision.decidedAt().isAfter(last)) ? decision.decidedAt() : last;
			}
			if (!row.scenarioIds().isEmpty() && decided.containsAll(row.scenarioIds())) {
				decidedAt = last;
				stage = Stage.ACT;
				since = decidedAt;
				stallClock = decidedAt;
				limit = limits.actToPlan();
				stall = Stall.ACT_TO_PLAN;
			}
		}
		if (row.doneAt() != null) {
			stage = Stage.DONE;
			since = row.doneAt();
			stallClock = null;
			stall = null;
		}
		Instant stalledSince = null;
		if (stallClock != null && limit != null && now.isAfter(stallClock.plus(limit))) {
			stalledSince = stallClock.plus(limit);
		}
		else {
			stall = null;
		}
		List<Action> actions = this.queries.actions(row.id());
		return new CycleView(row.id(), row.title(), row.owner(), row.decisionMaker(), row.from(), row.to(),
				new Kgi(row.kgiName(), row.kgiTarget()), row.hypothesis(), row.segmentId(), row.scenarioIds(),
				row.kpiIds(), new Expected(row.conversionRate(), row.averageOrderValue()), stage, stall, stalledSince,
				since, new ExpectedEffect(row.reachable(), row.conversions(), row.revenue()), row.requiredSampleSize(),
				linked, decisions, actions, row.approvedBy(), row.approvedAt(), launchedAt, reviewedAt, decidedAt,
				row.doneAt(), row.previousCycleId(), row.nextCycleId(), row.createdBy(), row.createdAt());
	}

	static String text(String field, @Nullable String value, int max) {
		if (value == null || value.isBlank()) {
			throw new InvalidCycle(field, "is required");
		}
		if (value.length() > max) {
			throw new InvalidCycle(field, "is " + value.length() + " characters long; at most " + max + " are allowed");
		}
		if (value.indexOf('\0') >= 0) {
			throw new InvalidCycle(field, "contains a NUL character");
		}
		return value.strip();
	}

	private static LocalDate date(String field, @Nullable LocalDate value) {
		if (value == null) {
			throw new InvalidCycle(field, "is required (an ISO date such as 2026-12-01)");
		}
		if (value.getYear() < 2000 || value.getYear() > 2100) {
			throw new InvalidCycle(field, "must lie between the years 2000 and 2100");
		}
		return value;
	}

	private static BigDecimal amount(String field, @Nullable BigDecimal value) {
		if (value == null) {
			throw new InvalidCycle(field, "is required");
		}
		if (value.signum() < 0 || value.compareTo(MAX_AMOUNT) > 0) {
			throw new InvalidCycle(field, "must lie between 0 and " + MAX_AMOUNT.toPlainString());
		}
		return value.setScale(2, RoundingMode.HALF_UP);
	}

	private static List<Long> ids(String field, @Nullable List<Long> ids, boolean required) {
		if (ids == null || ids.isEmpty()) {
			if (required) {
				throw new InvalidCycle(field, "link at least one");
			}
			return List.of();
		}
		if (ids.size() > MAX_LINKS) {
			throw new InvalidCycle(field, "at most " + MAX_LINKS + " may be linked");
		}
		Set<Long> distinct = new LinkedHashSet<>();
		for (Long id : ids) {
			if (id == null) {
				throw new InvalidCycle(field, "contains null");
			}
			distinct.add(id);
		}
		return List.copyOf(distinct);
	}

}
