package io.mawasu.crm.scenario;

import java.util.List;

import io.mawasu.crm.delivery.SendEligibility;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.scenario.ScenarioDefinition.Reentry;
import io.mawasu.crm.scenario.ScenarioDefinition.Send;
import io.mawasu.crm.scenario.ScenarioDefinition.Wait;
import io.mawasu.crm.segmentation.SegmentRefreshed;
import io.mawasu.crm.segmentation.Segments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Enrols the members of a scenario's entry segment, set-based: at activation and after
 * every refresh of the segment. A customer is enrolled once per cycle; a later cycle only
 * as the re-entry policy allows. The group is fixed at enrolment: CONTROL when the first
 * 32 bits of md5("scenarioId:customerId") mod 10000 fall below controlPercent × 100 —
 * stable across runs and instances, and independent between scenarios. A customer whom
 * another ACTIVE scenario of higher priority (higher number; on a tie the older scenario)
 * holds is recorded EXITED PRIORITY at once; customers it takes leave scenarios of lower
 * priority with PRIORITY.
 * <p>
 * Only members reachable on at least one channel the scenario sends on
 * ({@link SendEligibility#reachable}: a current OPT_IN, not blacklisted, an address that
 * is not suppressed) are enrolled, before the group is drawn: otherwise CONTROL would
 * keep customers whom TREATMENT cannot reach, and the lift would be diluted. Each send is
 * checked again when it goes out. Other modules are read through their APIs only
 * ({@link Segments#memberIds}, {@link SendEligibility}).
 */
@Component
class Enrolments {

	private static final Logger log = LoggerFactory.getLogger(Enrolments.class);

	private final JdbcClient jdbc;

	private final Segments segments;

	private final SendEligibility eligibility;

	private final TransactionTemplate newTransaction;

	Enrolments(JdbcClient jdbc, Segments segments, SendEligibility eligibility,
			PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.segments = segments;
		this.eligibility = eligibility;
		this.newTransaction = new TransactionTemplate(transactionManager);
		this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** Enrols the segment's current members in an ACTIVE scenario; returns how many. */
	@Transactional
	int enrol(long scenarioId) {
		var row = this.jdbc
			.sql("select segment_id, priority, definition::text as definition from scenario.scenario "
					+ "where id = :id and status = 'ACTIVE'")
			.param("id", scenarioId)
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getInt(2), rs.getString(3) })
			.optional();
		if (row.isEmpty()) {
			return 0;
		}
		long segmentId = (Long) row.get()[0];
		int priority = (Integer) row.get()[1];
		ScenarioDefinition definition = ScenarioDefinition.stored((String) row.get()[2]);
		List<Channel> channels = definition.steps()
			.stream()
			.filter(Send.class::isInstance)
			.map((step) -> ((Send) step).channel())
			.distinct()
			.toList();
		long[] members = this.segments.memberIds(segmentId);
		if (!channels.isEmpty() && members.length > 0) {
			members = this.eligibility.reachable(channels, members);
		}
		if (members.length == 0) {
			return 0;
		}
		String entryWait = (definition.entry() instanceof Wait wait) ? wait.duration() : "PT0S";
		Reentry reentry = definition.reentry();
		int enrolled = this.jdbc.sql("""
				with members as (
					select distinct m.customer_id from unnest(cast(:members as bigint[])) as m (customer_id)),
				prev as (
					select e.customer_id, max(e.cycle) as cycle, bool_or(e.state = 'ACTIVE') as active,
						max(e.exited_at) as exited_at
					from scenario.enrollment e join members m on m.customer_id = e.customer_id
					where e.scenario_id = :scenario group by e.customer_id),
				candidates as (
					select m.customer_id, coalesce(p.cycle, 0) + 1 as cycle
					from members m left join prev p on p.customer_id = m.customer_id
					where p.customer_id is null
						or (:reentry = 'ALWAYS' and not p.active)
						or (:reentry = 'AFTER_DAYS' and not p.active
							and p.exited_at <= now() - make_interval(days => :afterDays))),
				held as (
					select distinct o.customer_id from scenario.enrollment o
					join scenario.scenario s on s.id = o.scenario_id
					join candidates c on c.customer_id = o.customer_id
					where o.state = 'ACTIVE' and s.status = 'ACTIVE' and o.scenario_id <> :scenario
						and (s.priority > :priority or (s.priority = :priority and s.id < :scenario))),
				ins as (
					insert into scenario.enrollment (scenario_id, customer_id, cycle, grp, state, step_key,
						step_entered_at, due_at, enrolled_at, exited_at, exit_reason)
					select :scenario, c.customer_id, c.cycle,
						case when ('x' || substr(md5(:scenarioText || ':' || c.customer_id), 1, 8))::bit(32)::bigint
							% 10000 < :control * 100 then 'CONTROL' else 'TREATMENT' end,
						case when h.customer_id is null then 'ACTIVE' else 'EXITED' end,
						:entry, now(), now() + cast(:entryWait as interval), now(),
						case when h.customer_id is not null then now() end,
						case when h.customer_id is not null then 'PRIORITY' end
					from candidates c left join held h on h.customer_id = c.customer_id
					on conflict on constraint enrollment_once_key do nothing
					returning id, step_key, state)
				insert into scenario.enrollment_event (enrollment_id, step_key, kind)
				select id, step_key, case when state = 'ACTIVE' then 'ENTERED' else 'EXITED' end from ins
				""")
			.param("members", members)
			.param("scenario", scenarioId)
			.param("scenarioText", Long.toString(scenarioId))
			.param("reentry", reentry.kind().name())
			.param("afterDays", (reentry.afterDays() != null) ? reentry.afterDays() : 0)
			.param("priority", priority)
			.param("control", definition.controlPercent())
			.param("entry", definition.entry().key())
			.param("entryWait", entryWait)
			.update();
		preemptLowerPriorities(scenarioId, priority);
		return enrolled;
	}

	/**
	 * What {@link #enrol} would do now, without changing anything: the segment's members
	 * split by why they are not enrolled, and the enrolled ones by group.
	 */
	@Transactional(readOnly = true)
	ActivationPreview preview(long scenarioId) {
		var row = this.jdbc
			.sql("select segment_id, priority, definition::text as definition from scenario.scenario where id = :id")
			.param("id", scenarioId)
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getInt(2), rs.getString(3) })
			.single();
		long segmentId = (Long) row[0];
		int priority = (Integer) row[1];
		ScenarioDefinition definition = ScenarioDefinition.stored((String) row[2]);
		long[] members = this.segments.memberIds(segmentId);
		// reachable as enrolment decides it (SendEligibility.reachable), so the preview
		// and
		// the enrolment cannot disagree
		List<Channel> channels = definition.steps()
			.stream()
			.filter(Send.class::isInstance)
			.map((step) -> ((Send) step).channel())
			.distinct()
			.toList();
		long[] reachable = (channels.isEmpty() || members.length == 0) ? members
				: this.eligibility.reachable(channels, members);
		boolean firstStepSends = definition.entry() instanceof Send;
		String entryWait = (definition.entry() instanceof Wait wait) ? wait.duration() : null;
		Reentry reentry = definition.reentry();
		return this.jdbc.sql("""
				with members as (
					select distinct m.customer_id from unnest(cast(:members as bigint[])) as m (customer_id)),
				prev as (
					select e.customer_id, bool_or(e.state = 'ACTIVE') as active, max(e.exited_at) as exited_at
					from scenario.enrollment e join members m on m.customer_id = e.customer_id
					where e.scenario_id = :scenario group by e.customer_id),
				classified as (
					select m.customer_id,
						m.customer_id = any(cast(:reachable as bigint[])) as reachable,
						p.customer_id is null
							or (:reentry = 'ALWAYS' and not p.active)
							or (:reentry = 'AFTER_DAYS' and not p.active
								and p.exited_at <= now() - make_interval(days => :afterDays)) as eligible,
						exists (select 1 from scenario.enrollment o join scenario.scenario s on s.id = o.scenario_id
							where o.customer_id = m.customer_id and o.state = 'ACTIVE' and s.status = 'ACTIVE'
								and o.scenario_id <> :scenario
								and (s.priority > :priority or (s.priority = :priority and s.id < :scenario))) as held,
						('x' || substr(md5(:scenarioText || ':' || m.customer_id), 1, 8))::bit(32)::bigint
							% 10000 < :control * 100 as control
					from members m left join prev p on p.customer_id = m.customer_id)
				select count(*) as members,
					count(*) filter (where not reachable) as not_reachable,
					count(*) filter (where reachable and not eligible) as already_enrolled,
					count(*) filter (where reachable and eligible and held) as higher_priority,
					count(*) filter (where reachable and eligible and not held and control) as control,
					count(*) filter (where reachable and eligible and not held and not control) as treatment
				from classified
				""")
			.param("members", members)
			.param("reachable", reachable)
			.param("scenario", scenarioId)
			.param("scenarioText", Long.toString(scenarioId))
			.param("reentry", reentry.kind().name())
			.param("afterDays", (reentry.afterDays() != null) ? reentry.afterDays() : 0)
			.param("priority", priority)
			.param("control", definition.controlPercent())
			.query((rs, n) -> new ActivationPreview(rs.getLong("members"), rs.getLong("not_reachable"),
					rs.getLong("already_enrolled"), rs.getLong("higher_priority"), rs.getLong("control"),
					rs.getLong("treatment"), firstStepSends, entryWait))
			.single();
	}

	/**
	 * A customer is in one scenario at a time: the ones this scenario now holds leave
	 * every active or paused scenario of lower priority (on a tie, the newer one) with
	 * PRIORITY, so a later, more important scenario takes them over.
	 */
	private void preemptLowerPriorities(long scenarioId, int priority) {
		this.jdbc.sql("""
				with gone as (
					update scenario.enrollment o set state = 'EXITED', exit_reason = 'PRIORITY', exited_at = now()
					from scenario.scenario s, scenario.enrollment mine
					where s.id = o.scenario_id and o.state = 'ACTIVE' and o.scenario_id <> :scenario
						and s.status in ('ACTIVE', 'PAUSED')
						and (s.priority < :priority or (s.priority = :priority and s.id > :scenario))
						and mine.scenario_id = :scenario and mine.customer_id = o.customer_id and mine.state = 'ACTIVE'
					returning o.id, o.step_key)
				insert into scenario.enrollment_event (enrollment_id, step_key, kind)
				select id, step_key, 'EXITED' from gone
				""").param("scenario", scenarioId).param("priority", priority).update();
	}

	/**
	 * New members of a refreshed segment join every ACTIVE scenario that enters from it,
	 * each scenario in a transaction of its own: one that fails is rolled back alone,
	 * marked (failures, last error) and logged, and the others still enrol.
	 */
	@ApplicationModuleListener
	void on(SegmentRefreshed event) {
		for (long scenarioId : this.jdbc
			.sql("select id from scenario.scenario where segment_id = :segment and status = 'ACTIVE' order by id")
			.param("segment", event.segmentId())
			.query(Long.class)
			.list()) {
			try {
				this.newTransaction.executeWithoutResult((status) -> enrol(scenarioId));
			}
			catch (RuntimeException ex) {
				String error = ScenarioEngine.errorText(ex);
				log.warn("Enrolling segment {}'s new members in scenario {} failed; other scenarios go on: {}",
						event.segmentId(), scenarioId, error, ex);
				this.newTransaction.executeWithoutResult((status) -> this.jdbc
					.sql("""
							update scenario.scenario set failures = failures + 1, last_error = :error, last_failed_at = now()
							where id = :id
							""")
					.param("id", scenarioId)
					.param("error", error)
					.update());
			}
		}
	}

}
