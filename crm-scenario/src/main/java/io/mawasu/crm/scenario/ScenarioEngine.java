package io.mawasu.crm.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.mawasu.crm.delivery.Content;
import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.delivery.DeliveryHistory;
import io.mawasu.crm.delivery.Outbox;
import io.mawasu.crm.scenario.ScenarioDefinition.Branch;
import io.mawasu.crm.scenario.ScenarioDefinition.Clicked;
import io.mawasu.crm.scenario.ScenarioDefinition.Condition;
import io.mawasu.crm.scenario.ScenarioDefinition.Exit;
import io.mawasu.crm.scenario.ScenarioDefinition.Opened;
import io.mawasu.crm.scenario.ScenarioDefinition.Purchased;
import io.mawasu.crm.scenario.ScenarioDefinition.Rule;
import io.mawasu.crm.scenario.ScenarioDefinition.Send;
import io.mawasu.crm.scenario.ScenarioDefinition.Step;
import io.mawasu.crm.scenario.ScenarioDefinition.Wait;
import io.mawasu.crm.segmentation.Segments;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Advances due enrolments of ACTIVE scenarios. Each round takes every scenario with due
 * enrolments in turn and claims up to a batch of its enrolments with
 * {@code FOR UPDATE SKIP LOCKED} in a transaction of their own: the step's work (outbox
 * rows, events) and the move to the next step commit together or not at all, so several
 * instances can run side by side and a crash mid-batch leaves the batch to be redone.
 * Enqueueing is idempotent by (source, step, customer, visit) as a second guard, the
 * visit being the enrolment's time, so a customer who re-enters gets the messages again.
 * One scenario's failure never holds up the others: a batch that fails is rolled back and
 * its enrolments are tried one by one; those that still fail are marked on the enrolment
 * and the scenario (failures, last error, time), logged and retried later. Before a step,
 * enrolments that reached the goal (a purchase since enrolment within the goal's days) or
 * had too many unanswered sends of this visit exit. CONTROL enrolments are never
 * enqueued: the time the message would have been sent is logged (CONTROL_HELD).
 */
@Service
public class ScenarioEngine {

	private static final Logger log = LoggerFactory.getLogger(ScenarioEngine.class);

	private static final int ERROR_LENGTH = 500;

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final Contents contents;

	private final DeliveryHistory history;

	private final Segments segments;

	private final ScenarioEngineProperties properties;

	private final TransactionTemplate transactions;

	private final Map<Long, Versioned> definitions = new ConcurrentHashMap<>();

	/** Test hook: runs after a batch's work, before it commits. */
	@Nullable Runnable beforeCommit;

	ScenarioEngine(JdbcClient jdbc, Outbox outbox, Contents contents, DeliveryHistory history, Segments segments,
			ScenarioEngineProperties properties, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.contents = contents;
		this.history = history;
		this.segments = segments;
		this.properties = properties;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	private record Versioned(long version, ScenarioDefinition definition) {
	}

	record Due(long id, long scenarioId, long customerId, boolean control, String stepKey, long version,
			String definition, Instant enrolledAt) {
	}

	@Scheduled(fixedDelayString = "${crm.scenario.engine.poll-interval:1s}",
			initialDelayString = "${crm.scenario.engine.poll-interval:1s}")
	void poll() {
		if (!this.properties.enabled()) {
			return;
		}
		try {
			runOnce();
		}
		catch (RuntimeException ex) {
			log.warn("Scenario engine run failed; the batch is retried on the next poll", ex);
		}
	}

	/**
	 * Advances every due enrolment by as many steps as are due now; returns how many step
	 * advances were made. Each round takes up to a batch of every scenario with due
	 * enrolments, one transaction per scenario, so one scenario's failure never holds up
	 * another's.
	 */
	public int runOnce() {
		int total = 0;
		for (int round = 0; round < 10_000; round++) {
			int handled = 0;
			for (long scenarioId : dueScenarios()) {
				Handled result = advanceScenario(scenarioId);
				total += result.advanced();
				handled += result.advanced() + result.failed();
			}
			if (handled == 0) {
				break;
			}
		}
		return total;
	}

	/**
	 * How many enrolments of a claim moved on, and how many failed and wait for a retry.
	 */
	private record Handled(int advanced, int failed) {

		static final Handled NONE = new Handled(0, 0);

	}

	/**
	 * A step's work failed: the transaction rolls back; the enrolments are retried alone.
	 */
	private static final class StepFailed extends RuntimeException {

		private final transient List<Due> rows;

		StepFailed(List<Due> rows, RuntimeException cause) {
			super(cause);
			this.rows = rows;
		}

	}

	private List<Long> dueScenarios() {
		return this.jdbc.sql("""
				select s.id from scenario.scenario s
				where s.status = 'ACTIVE' and exists (select 1 from scenario.enrollment e
					where e.scenario_id = s.id and e.state = 'ACTIVE' and e.due_at <= now())
				order by s.priority desc, s.id
				""").query(Long.class).list();
	}

	/**
	 * Claims up to a batch of the scenario's due enrolments and advances them in one
	 * transaction. When the step's work fails, that transaction rolls back and each
	 * enrolment is tried again alone, so only the ones that fail are marked and left
	 * behind. A definition that cannot be read marks the whole claim.
	 */
	private Handled advanceScenario(long scenarioId) {
		List<Due> failedRows;
		RuntimeException failure;
		try {
			Handled handled = this.transactions.execute((status) -> {
				List<Due> rows = claim(scenarioId, null, this.properties.batchSize());
				return advanceClaimed(scenarioId, rows);
			});
			return (handled != null) ? handled : Handled.NONE;
		}
		catch (StepFailed ex) {
			failedRows = ex.rows;
			failure = (RuntimeException) ex.getCause();
		}
		if (failedRows.size() == 1) {
			markFailed(scenarioId, failedRows, failure);
			return new Handled(0, 1);
		}
		int advanced = 0;
		int failed = 0;
		for (Due row : failedRows) {
			try {
				Handled handled = this.transactions
					.execute((status) -> advanceClaimed(scenarioId, claim(scenarioId, row.id(), 1)));
				advanced += (handled != null) ? handled.advanced() : 0;
			}
			catch (StepFailed ex) {
				markFailed(scenarioId, ex.rows, (RuntimeException) ex.getCause());
				failed++;
			}
		}
		return new Handled(advanced, failed);
	}

	private Handled advanceClaimed(long scenarioId, List<Due> rows) {
		if (rows.isEmpty()) {
			return Handled.NONE;
		}
		ScenarioDefinition definition;
		try {
			definition = definition(rows.get(0));
		}
		catch (RuntimeException ex) {
			failed(scenarioId, rows, ex);
			return new Handled(0, rows.size());
		}
		try {
			advance(scenarioId, definition, rows);
		}
		catch (RuntimeException ex) {
			throw new StepFailed(rows, ex);
		}
		Runnable hook = this.beforeCommit;
		if (hook != null) {
			hook.run();
		}
		return new Handled(rows.size(), 0);
	}

	/**
	 * Due enrolments of the scenario (one when {@code id} is given), locked; rows another
	 * engine holds are skipped.
	 */
	private List<Due> claim(long scenarioId, @Nullable Long id, int limit) {
		return this.jdbc
			.sql("""
					select e.id, e.scenario_id, e.customer_id, e.grp, e.step_key, s.version, s.definition::text as definition,
						e.enrolled_at
					from scenario.enrollment e join scenario.scenario s on s.id = e.scenario_id
					where e.scenario_id = :scenario and (cast(:id as bigint) is null or e.id = :id)
						and e.state = 'ACTIVE' and e.due_at <= now() and s.status = 'ACTIVE'
					order by e.due_at, e.id
					limit :limit
					for update of e skip locked
					""")
			.param("scenario", scenarioId)
			.param("id", id)
			.param("limit", limit)
			.query((rs, n) -> new Due(rs.getLong("id"), rs.getLong("scenario_id"), rs.getLong("customer_id"),
					rs.getString("grp").equals("CONTROL"), rs.getString("step_key"), rs.getLong("version"),
					rs.getString("definition"), rs.getTimestamp("enrolled_at").toInstant()))
			.list();
	}

	private ScenarioDefinition definition(Due row) {
		Versioned cached = this.definitions.get(row.scenarioId());
		if (cached == null || cached.version() != row.version()) {
			cached = new Versioned(row.version(), ScenarioDefinition.stored(row.definition()));
			this.definitions.put(row.scenarioId(), cached);
		}
		return cached.definition();
	}

	/** {@link #failed} in a transaction of its own. */
	private void markFailed(long scenarioId, List<Due> rows, RuntimeException ex) {
		this.transactions.executeWithoutResult((status) -> failed(scenarioId, rows, ex));
	}

	/**
	 * Marks the enrolments and their scenario as failed and pushes the enrolments back by
	 * {@link #retryDelay}.
	 */
	private void failed(long scenarioId, List<Due> rows, RuntimeException ex) {
		String error = errorText(ex);
		log.warn("Scenario {} failed on {} enrolment(s) {}; they are retried later, other scenarios go on: {}",
				scenarioId, rows.size(), (rows.size() <= 10) ? Arrays.toString(ids(rows)) : "from " + rows.get(0).id(),
				error, ex);
		this.jdbc.sql("""
				update scenario.enrollment set failures = failures + 1, last_error = :error, last_failed_at = now(),
					due_at = now() + cast(:base as interval) * power(2, least(failures, 6))
				where id = any(:ids)
				""").param("ids", ids(rows)).param("error", error).param("base", retryDelay().toString()).update();
		this.jdbc.sql("""
				update scenario.scenario set failures = failures + 1, last_error = :error, last_failed_at = now()
				where id = :id
				""").param("id", scenarioId).param("error", error).update();
	}

	/**
	 * The first retry of a failed enrolment; each further failure doubles it (64× at
	 * most).
	 */
	static Duration retryDelay() {
		return Duration.ofMinutes(1);
	}

	/** The most specific message of the failure, cut to a size a page can show. */
	static String errorText(Throwable ex) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		String message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		message = message.strip();
		return (message.length() > ERROR_LENGTH) ? message.substring(0, ERROR_LENGTH) + "…" : message;
	}

	private void advance(long scenarioId, ScenarioDefinition definition, List<Due> rows) {
		List<Due> remaining = exitsBeforeStep(scenarioId, definition, rows);
		Map<String, List<Due>> byStep = remaining.stream()
			.collect(Collectors.groupingBy(Due::stepKey, LinkedHashMap::new, Collectors.toList()));
		byStep.forEach((key, atStep) -> {
			Optional<Step> step = definition.step(key);
			if (step.isEmpty()) {
				// the step was removed by an edit while the scenario was paused
				exit(ids(atStep), ExitReason.COMPLETED);
				return;
			}
			handle(scenarioId, definition, step.get(), atStep);
		});
	}

	private List<Due> exitsBeforeStep(long scenarioId, ScenarioDefinition definition, List<Due> rows) {
		List<Due> remaining = rows;
		if (definition.goal() != null) {
			Set<Long> reached = Set.copyOf(this.jdbc.sql("""
					select e.id from scenario.enrollment e
					where e.id = any(:ids) and exists (select 1 from domain.v_order o
						where o.customer_id = e.customer_id and o.ordered_at >= e.enrolled_at
							and o.ordered_at < e.enrolled_at + make_interval(days => :days))
					""")
				.param("ids", ids(remaining))
				.param("days", definition.goal().withinDays())
				.query(Long.class)
				.list());
			if (!reached.isEmpty()) {
				exit(reached.stream().mapToLong(Long::longValue).toArray(), ExitReason.GOAL);
				remaining = remaining.stream().filter((r) -> !reached.contains(r.id())).toList();
			}
		}
		Integer maxUnanswered = definition.exitAfterUnansweredSends();
		Map<Long, Instant> treated = since(remaining);
		if (maxUnanswered != null && !treated.isEmpty()) {
			Map<Long, Integer> unanswered = this.history.unansweredSendsSince(Scenarios.SOURCE, scenarioId, treated);
			List<Due> silent = remaining.stream()
				.filter((r) -> !r.control() && unanswered.getOrDefault(r.customerId(), 0) >= maxUnanswered)
				.toList();
			if (!silent.isEmpty()) {
				exit(ids(silent), ExitReason.NO_RESPONSE);
				Set<Long> gone = silent.stream().map(Due::id).collect(Collectors.toSet());
				remaining = remaining.stream().filter((r) -> !gone.contains(r.id())).toList();
			}
		}
		return remaining;
	}

	private void handle(long scenarioId, ScenarioDefinition definition, Step step, List<Due> rows) {
		if (step instanceof Send send) {
			List<Due> treated = rows.stream().filter((r) -> !r.control()).toList();
			List<Due> held = rows.stream().filter(Due::control).toList();
			if (!treated.isEmpty()) {
				Content content = this.contents.find(send.contentId())
					.orElseThrow(() -> new IllegalStateException("Scenario " + scenarioId + " step " + send.key()
							+ " sends content " + send.contentId() + ", which no longer exists"));
				List<Outbox.Entry> entries = new ArrayList<>(treated.size());
				for (Due row : treated) {
					entries.add(new Outbox.Entry(Scenarios.SOURCE, scenarioId, send.key(), row.customerId(),
							send.channel(), send.contentId(), this.contents.variantFor(content, row.customerId()),
							definition.sendRules(send.channel()), row.enrolledAt()));
				}
				this.outbox.enqueue(entries);
				logEvent(ids(treated), send.key(), "QUEUED");
			}
			logEvent(ids(held), send.key(), "CONTROL_HELD");
			moveTo(ids(rows), send.next(), definition);
		}
		else if (step instanceof Wait wait) {
			moveTo(ids(rows), wait.next(), definition);
		}
		else if (step instanceof Branch branch) {
			Set<Long> yes = holds(scenarioId, branch.condition(), rows);
			List<Due> then = rows.stream().filter((r) -> yes.contains(r.customerId())).toList();
			List<Due> otherwise = rows.stream().filter((r) -> !yes.contains(r.customerId())).toList();
			logEvent(ids(then), branch.key(), "BRANCH_THEN");
			logEvent(ids(otherwise), branch.key(), "BRANCH_ELSE");
			moveTo(ids(then), branch.then(), definition);
			moveTo(ids(otherwise), branch.otherwise(), definition);
		}
		else if (step instanceof Exit) {
			exit(ids(rows), ExitReason.COMPLETED);
		}
	}

	/** The customers of the rows for whom the condition holds now. */
	private Set<Long> holds(long scenarioId, Condition condition, List<Due> rows) {
		List<Long> customers = rows.stream().map(Due::customerId).toList();
		Map<Long, Instant> treated = since(rows);
		if (condition instanceof Opened opened) {
			return treated.isEmpty() ? Set.of()
					: this.history.openedSince(Scenarios.SOURCE, scenarioId, opened.step(), treated);
		}
		if (condition instanceof Clicked clicked) {
			return treated.isEmpty() ? Set.of()
					: this.history.clickedSince(Scenarios.SOURCE, scenarioId, clicked.step(), treated);
		}
		if (condition instanceof Purchased) {
			return Set.copyOf(this.jdbc.sql("""
					select e.customer_id from scenario.enrollment e
					where e.id = any(:ids) and exists (select 1 from domain.v_order o
						where o.customer_id = e.customer_id and o.ordered_at >= e.enrolled_at)
					""").param("ids", ids(rows)).query(Long.class).list());
		}
		return this.segments.matching(((Rule) condition).rule(), customers);
	}

	private void moveTo(long[] ids, String key, ScenarioDefinition definition) {
		if (ids.length == 0) {
			return;
		}
		Step target = definition.step(key).orElseThrow();
		if (target instanceof Exit) {
			this.jdbc
				.sql("update scenario.enrollment set step_key = :step, step_entered_at = now() where id = any(:ids)")
				.param("ids", ids)
				.param("step", key)
				.update();
			exit(ids, ExitReason.COMPLETED);
			return;
		}
		String wait = (target instanceof Wait w) ? w.duration() : "PT0S";
		this.jdbc.sql("""
				with moved as (
					update scenario.enrollment set step_key = :step, step_entered_at = now(),
						due_at = now() + cast(:wait as interval), last_error = null
					where id = any(:ids) returning id)
				insert into scenario.enrollment_event (enrollment_id, step_key, kind)
				select id, :step, 'ENTERED' from moved
				""").param("ids", ids).param("step", key).param("wait", wait).update();
	}

	/** Exits the ACTIVE ones of the enrolments, logging EXITED at their step. */
	int exit(long[] ids, ExitReason reason) {
		if (ids.length == 0) {
			return 0;
		}
		return this.jdbc.sql("""
				with gone as (
					update scenario.enrollment set state = 'EXITED', exit_reason = :reason, exited_at = now()
					where id = any(:ids) and state = 'ACTIVE' returning id, step_key)
				insert into scenario.enrollment_event (enrollment_id, step_key, kind)
				select id, step_key, 'EXITED' from gone
				""").param("ids", ids).param("reason", reason.name()).update();
	}

	private void logEvent(long[] ids, String step, String kind) {
		if (ids.length == 0) {
			return;
		}
		this.jdbc.sql("""
				insert into scenario.enrollment_event (enrollment_id, step_key, kind)
				select unnest(cast(:ids as bigint[])), :step, :kind
				""").param("ids", ids).param("step", step).param("kind", kind).update();
	}

	/**
	 * The TREATMENT customers of the rows with their enrolment time: only this visit's
	 * messages count for opens, clicks and unanswered sends.
	 */
	private static Map<Long, Instant> since(List<Due> rows) {
		Map<Long, Instant> since = new LinkedHashMap<>();
		for (Due row : rows) {
			if (!row.control()) {
				since.putIfAbsent(row.customerId(), row.enrolledAt());
			}
		}
		return since;
	}

	private static long[] ids(List<Due> rows) {
		return rows.stream().mapToLong(Due::id).toArray();
	}

}
