package io.mawasu.crm.scenario;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mawasu.crm.delivery.Content;
import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.delivery.DeliveryCounts;
import io.mawasu.crm.delivery.TestSends;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.scenario.ScenarioDefinition.Send;
import io.mawasu.crm.segmentation.RuleField;
import io.mawasu.crm.segmentation.SegmentRule;
import io.mawasu.crm.segmentation.Segments;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scenarios: save and edit a definition (DRAFT or PAUSED only), test-send its contents,
 * and move it DRAFT → ACTIVE ⇄ PAUSED → ARCHIVED. Activation needs a test send after the
 * last edit and enrols the entry segment's members; archiving lets every active enrolment
 * go (ARCHIVED).
 */
@Service
public class Scenarios {

	static final String SOURCE = "SCENARIO";

	private final JdbcClient jdbc;

	private final Contents contents;

	private final TestSends testSends;

	private final Segments segments;

	private final DeliveryCounts deliveryCounts;

	private final Enrolments enrolments;

	Scenarios(JdbcClient jdbc, Contents contents, TestSends testSends, Segments segments, DeliveryCounts deliveryCounts,
			Enrolments enrolments) {
		this.jdbc = jdbc;
		this.contents = contents;
		this.testSends = testSends;
		this.segments = segments;
		this.deliveryCounts = deliveryCounts;
		this.enrolments = enrolments;
	}

	/** Checks a definition against the contents and segments that exist now. */
	public ScenarioDefinition parse(String json) {
		return ScenarioDefinition.parse(json, new ScenarioDefinition.Lookups() {
			public Optional<Channel> contentChannel(long contentId) {
				return Scenarios.this.contents.find(contentId).map(Content::channel);
			}

			public boolean segmentExists(long segmentId) {
				return Scenarios.this.segments.find(segmentId).isPresent();
			}
		});
	}

	/**
	 * Saves a new DRAFT scenario; {@link InvalidScenario} names the faulty step and
	 * field.
	 */
	@Transactional
	public long create(String json, @Nullable String actor) {
		ScenarioDefinition definition = parse(json);
		return this.jdbc.sql("""
				insert into scenario.scenario (name, segment_id, priority, control_percent, definition, created_by)
				values (:name, :segment, :priority, :control, cast(:definition as jsonb), :actor) returning id
				""")
			.param("name", definition.name())
			.param("segment", definition.segmentId())
			.param("priority", definition.priority())
			.param("control", definition.controlPercent())
			.param("definition", json)
			.param("actor", actor)
			.query(Long.class)
			.single();
	}

	/**
	 * Replaces the definition of a DRAFT or PAUSED scenario; a new test send is then
	 * needed.
	 */
	@Transactional
	public void update(long id, String json, @Nullable String actor) {
		ScenarioStatus status = lockStatus(id);
		if (!status.editable()) {
			throw new ScenarioConflict("scenario.conflict.notEditable",
					"Scenario " + id + " is " + status + "; only a DRAFT or PAUSED one can be edited", id,
					status.name());
		}
		ScenarioDefinition definition = parse(json);
		this.jdbc.sql("""
				update scenario.scenario set name = :name, segment_id = :segment, priority = :priority,
					control_percent = :control, definition = cast(:definition as jsonb), edited_at = clock_timestamp(),
					version = version + 1
				where id = :id
				""")
			.param("id", id)
			.param("name", definition.name())
			.param("segment", definition.segmentId())
			.param("priority", definition.priority())
			.param("control", definition.controlPercent())
			.param("definition", json)
			.update();
	}

	@Transactional(readOnly = true)
	public Optional<ScenarioView> find(long id) {
		return this.jdbc.sql("select * from scenario.scenario where id = :id")
			.param("id", id)
			.query((rs, n) -> view(rs))
			.optional();
	}

	/**
	 * Every scenario that is not archived first, then by priority (highest first) and
	 * age.
	 */
	@Transactional(readOnly = true)
	public List<ScenarioSummary> list() {
		return this.jdbc
			.sql("""
					select s.*, (select count(*) from scenario.enrollment e where e.scenario_id = s.id and e.state = 'ACTIVE')
						as active_enrollments
					from scenario.scenario s
					order by s.status = 'ARCHIVED', s.priority desc, s.id
					""")
			.query((rs, n) -> new ScenarioSummary(rs.getLong("id"), rs.getString("name"),
					ScenarioStatus.valueOf(rs.getString("status")), rs.getLong("segment_id"), rs.getInt("priority"),
					rs.getInt("control_percent"), rs.getLong("active_enrollments"), instant(rs, "created_at"),
					instant(rs, "edited_at"), nullableInstant(rs, "activated_at")))
			.list();
	}

	/**
	 * Test-sends every SEND step's content (each variant) to the given addresses and
	 * records the time; returns how many messages went out.
	 */
	@Transactional
	public int testSend(long id, List<String> to, @Nullable String actor) {
		ScenarioStatus status = lockStatus(id);
		if (status == ScenarioStatus.ARCHIVED) {
			throw new ScenarioConflict("scenario.conflict.archived", "Scenario " + id + " is ARCHIVED", id);
		}
		if (to.isEmpty()) {
			throw new InvalidScenario(null, "to", "is empty: give at least one address to test-send to");
		}
		ScenarioDefinition definition = ScenarioDefinition.stored(definitionJson(id));
		int sent = 0;
		for (ScenarioDefinition.Step step : definition.steps()) {
			if (step instanceof Send send) {
				try {
					sent += this.testSends.send(send.contentId(), to, null);
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidScenario(step.key(), "to", ex.getMessage());
				}
			}
		}
		this.jdbc.sql("update scenario.scenario set test_sent_at = clock_timestamp() where id = :id")
			.param("id", id)
			.update();
		return sent;
	}

	/**
	 * What activating the scenario now would do with its entry segment's members: how
	 * many are messaged, held as control, or left out and why (see
	 * {@link ActivationPreview}). Changes nothing.
	 */
	@Transactional(readOnly = true)
	public ActivationPreview activationPreview(long id) {
		find(id).orElseThrow(() -> new UnknownScenario(id));
		return this.enrolments.preview(id);
	}

	/**
	 * DRAFT → ACTIVE, after a test send since the last edit; enrols the entry segment's
	 * members.
	 */
	@Transactional
	public ScenarioView activate(long id) {
		return transition(id, ScenarioAction.ACTIVATE);
	}

	/** ACTIVE → PAUSED: enrolments are held where they are. */
	@Transactional
	public ScenarioView pause(long id) {
		return transition(id, ScenarioAction.PAUSE);
	}

	/**
	 * PAUSED → ACTIVE (after a test send if it was edited), and new segment members join.
	 */
	@Transactional
	public ScenarioView resume(long id) {
		return transition(id, ScenarioAction.RESUME);
	}

	/** Any state but ARCHIVED → ARCHIVED: every active enrolment exits ARCHIVED. */
	@Transactional
	public ScenarioView archive(long id) {
		return transition(id, ScenarioAction.ARCHIVE);
	}

	/**
	 * Runs a lifecycle transition ({@link ScenarioStatus#actions()} says which are
	 * allowed); {@link ScenarioConflict} when the status forbids it. ACTIVATE and RESUME
	 * need a test send after the last edit and check the stored definition's bounds again
	 * ({@link InvalidScenario} naming the step and field: a WAIT longer than 10 years
	 * saved before the bound, or written to the table directly), then enrol the entry
	 * segment's members; ARCHIVE lets every active enrolment go (ARCHIVED).
	 */
	@Transactional
	public ScenarioView transition(long id, ScenarioAction action) {
		ScenarioStatus status = lockStatus(id);
		if (!status.actions().contains(action)) {
			if (action == ScenarioAction.ARCHIVE) {
				throw new ScenarioConflict("scenario.conflict.alreadyArchived",
						"Scenario " + id + " is already ARCHIVED", id);
			}
			ScenarioStatus needs = switch (action) {
				case ACTIVATE -> ScenarioStatus.DRAFT;
				case PAUSE -> ScenarioStatus.ACTIVE;
				case RESUME, ARCHIVE -> ScenarioStatus.PAUSED;
			};
			ScenarioStatus becomes = (action == ScenarioAction.PAUSE) ? ScenarioStatus.PAUSED : ScenarioStatus.ACTIVE;
			throw new ScenarioConflict("scenario.conflict.transition", "Scenario " + id + " is " + status + "; "
					+ action.path() + " needs a " + needs + " scenario"
					+ (status.actions().isEmpty() ? "" : " (possible now: "
							+ String.join(", ", status.actions().stream().map(ScenarioAction::path).toList()) + ")"),
					id, status.name(), needs.name(), becomes.name());
		}
		ScenarioStatus to = switch (action) {
			case ACTIVATE, RESUME -> ScenarioStatus.ACTIVE;
			case PAUSE -> ScenarioStatus.PAUSED;
			case ARCHIVE -> ScenarioStatus.ARCHIVED;
		};
		if (to == ScenarioStatus.ACTIVE) {
			boolean tested = this.jdbc.sql(
					"select test_sent_at is not null and test_sent_at > edited_at from scenario.scenario where id = :id")
				.param("id", id)
				.query(Boolean.class)
				.single();
			if (!tested) {
				throw new ScenarioConflict("scenario.conflict.testSendNeeded",
						"Scenario " + id + " needs a test-send after the last edit before it can run", id);
			}
			ScenarioDefinition definition = ScenarioDefinition.bounded(definitionJson(id));
			this.segments.find(definition.segmentId()).ifPresent((segment) -> {
				if (testsEnrolmentIn(segment.rule(), id)) {
					throw new ScenarioConflict("scenario.conflict.selfEntry",
							"Scenario " + id + "'s entry segment tests inScenario " + id
									+ ": its own enrolments would decide who enters it",
							id);
				}
			});
		}
		this.jdbc.sql("""
				update scenario.scenario set status = :to, version = version + 1,
					activated_at = case when :to = 'ACTIVE' and activated_at is null then now() else activated_at end
				where id = :id
				""").param("id", id).param("to", to.name()).update();
		if (to == ScenarioStatus.ACTIVE) {
			this.enrolments.enrol(id);
		}
		else if (to == ScenarioStatus.ARCHIVED) {
			this.jdbc
				.sql("""
						with gone as (
							update scenario.enrollment set state = 'EXITED', exit_reason = 'ARCHIVED', exited_at = now()
							where scenario_id = :id and state = 'ACTIVE' returning id, step_key)
						insert into scenario.enrollment_event (enrollment_id, step_key, kind) select id, step_key, 'EXITED' from gone
						""")
				.param("id", id)
				.update();
		}
		return find(id).orElseThrow(() -> new UnknownScenario(id));
	}

	/**
	 * Whether a rule tests enrolment in the scenario: as its own entry segment, the
	 * scenario's enrolments would decide who enters it (nobody with {@code eq}, everyone
	 * who left again at every refresh with {@code ne}), so such a scenario does not run.
	 */
	static boolean testsEnrolmentIn(SegmentRule rule, long scenarioId) {
		if (rule instanceof SegmentRule.All all) {
			return all.rules().stream().anyMatch((r) -> testsEnrolmentIn(r, scenarioId));
		}
		if (rule instanceof SegmentRule.Any any) {
			return any.rules().stream().anyMatch((r) -> testsEnrolmentIn(r, scenarioId));
		}
		if (rule instanceof SegmentRule.Not not) {
			return testsEnrolmentIn(not.rule(), scenarioId);
		}
		SegmentRule.Condition condition = (SegmentRule.Condition) rule;
		return condition.field() == RuleField.IN_SCENARIO
				&& condition.values().stream().anyMatch((v) -> v instanceof Long n && n == scenarioId);
	}

	/**
	 * The Response (4R) of every scenario entering from the segment, in one query: its
	 * enrolments by group and how many of each reached the goal; scenarios not archived
	 * first, then by priority (highest first) and age, as {@link #list()}.
	 */
	@Transactional(readOnly = true)
	public List<ScenarioResponse> responses(long segmentId) {
		return this.jdbc.sql("""
				select s.id, s.name, count(e.id) as total, count(e.id) filter (where e.state = 'ACTIVE') as active,
					count(e.id) filter (where e.grp = 'TREATMENT') as treatment,
					count(e.id) filter (where e.grp = 'CONTROL') as control,
					count(e.id) filter (where e.grp = 'TREATMENT' and e.exit_reason = 'GOAL') as treatment_goal,
					count(e.id) filter (where e.grp = 'CONTROL' and e.exit_reason = 'GOAL') as control_goal
				from scenario.scenario s left join scenario.enrollment e on e.scenario_id = s.id
				where s.segment_id = :segment
				group by s.id
				order by s.status = 'ARCHIVED', s.priority desc, s.id
				""")
			.param("segment", segmentId)
			.query((rs, n) -> new ScenarioResponse(rs.getLong("id"), rs.getString("name"),
					new ScenarioView.Enrollments(rs.getLong("total"), rs.getLong("active"), rs.getLong("treatment"),
							rs.getLong("control"), rs.getLong("treatment_goal"), rs.getLong("control_goal"))))
			.list();
	}

	private ScenarioStatus lockStatus(long id) {
		return this.jdbc.sql("select status from scenario.scenario where id = :id for update")
			.param("id", id)
			.query((rs, n) -> ScenarioStatus.valueOf(rs.getString(1)))
			.optional()
			.orElseThrow(() -> new UnknownScenario(id));
	}

	private String definitionJson(long id) {
		return this.jdbc.sql("select definition::text from scenario.scenario where id = :id")
			.param("id", id)
			.query(String.class)
			.single();
	}

	private ScenarioView view(ResultSet rs) throws SQLException {
		long id = rs.getLong("id");
		String json = rs.getString("definition");
		ScenarioDefinition d = ScenarioDefinition.stored(json);
		ScenarioView.Enrollments enrollments = this.jdbc.sql("""
				select count(*), count(*) filter (where state = 'ACTIVE'), count(*) filter (where grp = 'TREATMENT'),
					count(*) filter (where grp = 'CONTROL'),
					count(*) filter (where grp = 'TREATMENT' and exit_reason = 'GOAL'),
					count(*) filter (where grp = 'CONTROL' and exit_reason = 'GOAL')
				from scenario.enrollment where scenario_id = :id
				""")
			.param("id", id)
			.query((r, n) -> new ScenarioView.Enrollments(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4),
					r.getLong(5), r.getLong(6)))
			.single();
		Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
		for (ScenarioDefinition.Step step : d.steps()) {
			Map<String, Long> byState = new LinkedHashMap<>();
			byState.put("ACTIVE", 0L);
			if (step instanceof Send) {
				for (String state : List.of("QUEUED", "SENT", "SUPPRESSED", "FAILED", "CONTROL_HELD")) {
					byState.put(state, 0L);
				}
			}
			counts.put(step.key(), byState);
		}
		this.jdbc.sql("""
				select step_key, 'ACTIVE' as kind, count(*) as n from scenario.enrollment
				where scenario_id = :id and state = 'ACTIVE' group by step_key
				union all
				select ev.step_key, ev.kind, count(*) from scenario.enrollment_event ev
				join scenario.enrollment e on e.id = ev.enrollment_id
				where e.scenario_id = :id and ev.kind <> 'QUEUED' group by ev.step_key, ev.kind
				""").param("id", id).query((r) -> {
			counts.computeIfAbsent(r.getString("step_key"), (k) -> new LinkedHashMap<>())
				.put(r.getString("kind"), r.getLong("n"));
		});
		this.deliveryCounts.stateCounts(SOURCE, id)
			.forEach((step, byState) -> counts.computeIfAbsent(step, (k) -> new LinkedHashMap<>()).putAll(byState));
		long failing = this.jdbc.sql("""
				select count(*) from scenario.enrollment
				where scenario_id = :id and state = 'ACTIVE' and last_error is not null
				""").param("id", id).query(Long.class).single();
		Map<String, Long> exits = new LinkedHashMap<>();
		this.jdbc.sql("""
				select exit_reason, count(*) from scenario.enrollment
				where scenario_id = :id and state = 'EXITED' group by exit_reason order by exit_reason
				""").param("id", id).query((r) -> {
			exits.put(r.getString(1), r.getLong(2));
		});
		return new ScenarioView(id, rs.getString("name"), ScenarioStatus.valueOf(rs.getString("status")),
				rs.getLong("segment_id"), rs.getInt("priority"), rs.getInt("control_percent"), d.frequencyCap(),
				d.goal(), d.exitAfterUnansweredSends(), d.quietHours(), d.reentry(), d.steps(), json,
				rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "edited_at"),
				nullableInstant(rs, "test_sent_at"), nullableInstant(rs, "activated_at"), enrollments, counts, exits,
				new ScenarioView.Failures(rs.getLong("failures"), rs.getString("last_error"),
						nullableInstant(rs, "last_failed_at"), failing));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getTimestamp(column).toInstant();
	}

	private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
		Timestamp at = rs.getTimestamp(column);
		return (at != null) ? at.toInstant() : null;
	}

}
