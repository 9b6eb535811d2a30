-- PDCA cycles (crm-analytics, Act). Stages and stalls are derived when read from the times
-- recorded here and the linked scenarios' state, so nothing needs a scheduler to be right.
create schema if not exists analytics;

create table analytics.cycle (
	id bigserial primary key,
	title text not null,
	owner text not null,
	decision_maker text not null,
	period_from date not null,
	period_to date not null,
	kgi_name text not null,
	kgi_target numeric(16, 2) not null,
	hypothesis text not null,
	segment_id bigint not null,
	scenario_ids bigint[] not null,
	kpi_ids bigint[] not null,
	expected_conversion_rate double precision not null,
	expected_average_order_value numeric(14, 2) not null,
	expected_reachable bigint not null,
	expected_conversions double precision not null,
	expected_revenue numeric(16, 2) not null,
	required_sample_size bigint,
	previous_cycle_id bigint references analytics.cycle (id),
	created_by text,
	created_at timestamptz not null,
	approved_by text,
	approved_at timestamptz,
	done_at timestamptz,
	check (period_to >= period_from)
);
create index cycle_owner_idx on analytics.cycle (owner);
create index cycle_decision_maker_idx on analytics.cycle (decision_maker);

-- Every look at the results (the review API and each opening of the Check tab).
create table analytics.cycle_review (
	id bigserial primary key,
	cycle_id bigint not null references analytics.cycle (id),
	username text,
	at timestamptz not null
);
create index cycle_review_cycle_idx on analytics.cycle_review (cycle_id, at);

-- The decision maker's decision per linked scenario (the latest one counts).
create table analytics.cycle_decision (
	cycle_id bigint not null references analytics.cycle (id),
	scenario_id bigint not null,
	decision text not null check (decision in ('CONTINUE', 'IMPROVE', 'STOP')),
	reason text not null,
	decided_by text,
	decided_at timestamptz not null,
	primary key (cycle_id, scenario_id)
);

-- What a cycle carries over from the previous one's retrospective (its TRY cards).
create table analytics.cycle_action (
	id bigserial primary key,
	cycle_id bigint not null references analytics.cycle (id),
	position integer not null,
	text text not null,
	card_id bigint,
	votes integer not null,
	owner text,
	due_date date
);
create index cycle_action_cycle_idx on analytics.cycle_action (cycle_id, position);
