-- The outbox key per enrolment visit (DESIGN.md §5): a customer who re-enters a scenario gets the
-- step's message again in the new cycle, while enqueueing stays idempotent within one visit.
-- visit is the enrolment's enrolled_at for scenario messages; null for campaigns and tests, which
-- stay one message per (source, step, customer) (the key treats nulls as equal, PostgreSQL 15+).
alter table delivery.message add column visit timestamptz;

-- Messages enqueued before this key had no visit: their creation time stands for it, so a customer
-- whose earlier cycle was sent still gets the message of a later cycle.
update delivery.message set visit = created_at where source_type = 'SCENARIO';

alter table delivery.message drop constraint message_once_key;
alter table delivery.message add constraint message_once_key
	unique nulls not distinct (source_type, source_id, step_key, customer_id, visit);
