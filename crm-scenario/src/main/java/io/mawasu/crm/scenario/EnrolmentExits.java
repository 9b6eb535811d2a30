package io.mawasu.crm.scenario;

import io.mawasu.crm.delivery.MessageSkipped;
import io.mawasu.crm.domain.consent.ConsentChanged;
import io.mawasu.crm.domain.consent.ConsentStatus;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Lets customers go when delivery or consent says so: a scenario message skipped for no
 * consent, a blacklist or the frequency cap exits that enrolment (OPTED_OUT, BLACKLISTED,
 * FREQUENCY_CAP; a missing or suppressed address is only logged, SKIPPED); an opt-out on
 * a channel exits every active enrolment of the customer in an ACTIVE or PAUSED scenario
 * that sends on that channel.
 */
@Component
class EnrolmentExits {

	private final JdbcClient jdbc;

	EnrolmentExits(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@ApplicationModuleListener
	void on(MessageSkipped event) {
		if (!event.message().sourceType().equals(Scenarios.SOURCE)) {
			return;
		}
		ExitReason reason = switch (event.reason()) {
			case NO_CONSENT -> ExitReason.OPTED_OUT;
			case BLACKLISTED -> ExitReason.BLACKLISTED;
			case FREQUENCY_CAP -> ExitReason.FREQUENCY_CAP;
			default -> null;
		};
		if (reason == null) {
			this.jdbc.sql("""
					insert into scenario.enrollment_event (enrollment_id, step_key, kind)
					select e.id, :step, 'SKIPPED' from scenario.enrollment e
					where e.scenario_id = :scenario and e.customer_id = :customer and e.state = 'ACTIVE'
					""")
				.param("scenario", event.message().sourceId())
				.param("customer", event.message().customerId())
				.param("step", event.message().stepKey())
				.update();
			return;
		}
		this.jdbc.sql("""
				with gone as (
					update scenario.enrollment set state = 'EXITED', exit_reason = :reason, exited_at = now()
					where scenario_id = :scenario and customer_id = :customer and state = 'ACTIVE'
					returning id, step_key)
				insert into scenario.enrollment_event (enrollment_id, step_key, kind)
				select id, step_key, 'EXITED' from gone
				""")
			.param("scenario", event.message().sourceId())
			.param("customer", event.message().customerId())
			.param("reason", reason.name())
			.update();
	}

	@ApplicationModuleListener
	void on(ConsentChanged event) {
		if (event.status() != ConsentStatus.OPT_OUT) {
			return;
		}
		this.jdbc.sql("""
				with gone as (
					update scenario.enrollment e set state = 'EXITED', exit_reason = 'OPTED_OUT', exited_at = now()
					from scenario.scenario s
					where s.id = e.scenario_id and e.customer_id = :customer and e.state = 'ACTIVE'
						and s.status in ('ACTIVE', 'PAUSED')
						and jsonb_path_exists(s.definition, '$.steps[*] ? (@.type == "SEND" && @.channel == $channel)',
							jsonb_build_object('channel', cast(:channel as text)))
					returning e.id, e.step_key)
				insert into scenario.enrollment_event (enrollment_id, step_key, kind)
				select id, step_key, 'EXITED' from gone
				""").param("customer", event.customerId()).param("channel", event.channel().name()).update();
	}

}
