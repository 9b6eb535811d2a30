-- The SQL API analytics reads messages through (outcomes per scenario, step, variant and day),
-- so delivery may reshape the outbox (leases, the enrolment-visit key) behind it.
create view delivery.v_message as
select id, source_type, source_id, step_key, customer_id, channel, content_id, variant, state, skip_reason, sent_at,
	finished_at, created_at
from delivery.message;

-- Analytics' incremental rollups: a scenario's messages finished on a day, a customer's
-- messages in a scenario, and events since a time.
create index message_scenario_finished_idx on delivery.message (source_id, finished_at)
	where source_type = 'SCENARIO';
create index message_scenario_customer_idx on delivery.message (source_id, customer_id, sent_at)
	where source_type = 'SCENARIO';
create index event_at_idx on delivery.event (at);
