-- A failing enrolment is marked and retried later (due_at pushed back, growing with failures), so
-- it neither blocks its scenario's other enrolments nor is claimed again on every poll. A
-- successful step clears last_error.
alter table scenario.enrollment
	add column failures integer not null default 0,
	add column last_error text,
	add column last_failed_at timestamptz;

create index enrollment_failing_idx on scenario.enrollment (scenario_id) where state = 'ACTIVE' and last_error is not null;

-- The engine takes each scenario's due enrolments in turn (so one scenario's failure stays its own):
-- finding the scenarios with due enrolments and claiming a scenario's batch are probes of this index.
create index enrollment_scenario_due_idx on scenario.enrollment (scenario_id, due_at) where state = 'ACTIVE';
