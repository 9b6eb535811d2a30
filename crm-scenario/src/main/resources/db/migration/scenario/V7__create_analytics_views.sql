-- The SQL API analytics reads scenarios through: definitions (goal, steps), enrolments with
-- their group, and what happened at each step (CONTROL_HELD carries the control group's
-- "would have been sent" step).
create view scenario.v_scenario as
select id, name, status, segment_id, control_percent, definition, created_at, activated_at
from scenario.scenario;

create view scenario.v_enrollment as
select id, scenario_id, customer_id, cycle, grp, state, enrolled_at, exited_at, exit_reason
from scenario.enrollment;

create view scenario.v_enrollment_event as
select id, enrollment_id, step_key, kind, at
from scenario.enrollment_event;

-- Analytics' incremental rollups: enrolments of customers whose orders arrived, enrolments
-- since a time, and step events since a time.
create index enrollment_customer_all_idx on scenario.enrollment (customer_id);
create index enrollment_enrolled_at_idx on scenario.enrollment (enrolled_at);
create index enrollment_event_at_idx on scenario.enrollment_event (at);
