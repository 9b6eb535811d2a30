create schema if not exists scenario;

-- A scenario: the definition is stored as posted (jsonb); the columns the engine and lists
-- filter or sort on are copied out of it. edited_at after test_sent_at blocks activation.
create table scenario.scenario (
	id bigint generated always as identity primary key,
	name text not null,
	segment_id bigint not null,
	status text not null default 'DRAFT' check (status in ('DRAFT', 'ACTIVE', 'PAUSED', 'ARCHIVED')),
	priority integer not null default 0,
	control_percent integer not null default 0 check (control_percent between 0 and 90),
	definition jsonb not null,
	created_by text,
	created_at timestamptz not null default now(),
	edited_at timestamptz not null default now(),
	test_sent_at timestamptz,
	activated_at timestamptz,
	version bigint not null default 0
);
create index scenario_segment_idx on scenario.scenario (segment_id) where status in ('ACTIVE', 'PAUSED');

-- One customer's pass through a scenario; cycle counts re-entries. grp is fixed at enrolment
-- from a stable hash of (scenario, customer). No foreign key into other modules' schemas.
create table scenario.enrollment (
	id bigint generated always as identity primary key,
	scenario_id bigint not null references scenario.scenario (id),
	customer_id bigint not null,
	cycle integer not null default 1,
	grp text not null check (grp in ('TREATMENT', 'CONTROL')),
	state text not null default 'ACTIVE' check (state in ('ACTIVE', 'EXITED')),
	step_key text not null,
	step_entered_at timestamptz not null default now(),
	due_at timestamptz not null default now(),
	enrolled_at timestamptz not null default now(),
	exited_at timestamptz,
	exit_reason text check (exit_reason in ('GOAL', 'COMPLETED', 'FREQUENCY_CAP', 'NO_RESPONSE', 'OPTED_OUT',
		'BLACKLISTED', 'PRIORITY', 'PAUSED', 'ARCHIVED')),
	constraint enrollment_once_key unique (scenario_id, customer_id, cycle)
);
create index enrollment_due_idx on scenario.enrollment (due_at) where state = 'ACTIVE';
create index enrollment_customer_idx on scenario.enrollment (customer_id) where state = 'ACTIVE';

-- What happened to each enrolment at each step, for counts and for the control group's
-- "would have been sent" time (CONTROL_HELD).
create table scenario.enrollment_event (
	id bigint generated always as identity primary key,
	enrollment_id bigint not null references scenario.enrollment (id),
	step_key text not null,
	kind text not null check (kind in ('ENTERED', 'QUEUED', 'CONTROL_HELD', 'BRANCH_THEN', 'BRANCH_ELSE', 'EXITED',
		'SKIPPED')),
	at timestamptz not null default now()
);
create index enrollment_event_enrollment_idx on scenario.enrollment_event (enrollment_id);
