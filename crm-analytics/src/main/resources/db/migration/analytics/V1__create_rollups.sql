create schema if not exists analytics;

-- Engagement of a scenario's messages per step, variant, channel and day (the day the message
-- finished, in the shop's zone; its later opens and clicks count on that day). Rebuilt per
-- (scenario, day) bucket from delivery.v_message and delivery.v_message_event, so an
-- incremental refresh and a full rebuild give the same rows.
create table analytics.engagement_daily (
	scenario_id bigint not null,
	day date not null,
	step_key text not null,
	variant text not null,
	channel text not null,
	delivered integer not null,
	failed integer not null,
	suppressed integer not null,
	unique_opens integer not null,
	opens integer not null,
	unique_clicks integer not null,
	clicks integer not null,
	unsubscribes integer not null,
	primary key (scenario_id, day, step_key, variant, channel)
);

-- One row per enrolment: its group, the variant and channel of the last message it was sent
-- (control: the channel of the step it was held at), the steps it was delivered, and its
-- conversion (a purchase, amount > 0, within [enrolled_at, enrolled_at + within_days]) with the
-- revenue of every order in that window.
create table analytics.enrollment_outcome (
	enrollment_id bigint primary key,
	scenario_id bigint not null,
	customer_id bigint not null,
	grp text not null check (grp in ('TREATMENT', 'CONTROL')),
	enrolled_at timestamptz not null,
	within_days integer not null,
	variant text,
	channel text,
	steps text[] not null,
	converted boolean not null,
	first_purchase_at timestamptz,
	revenue numeric(16, 2) not null
);
create index enrollment_outcome_scenario_idx on analytics.enrollment_outcome (scenario_id, grp)
	include (converted, revenue, variant, channel, first_purchase_at, enrolled_at);

-- The refresh's watermark, one row, locked FOR UPDATE by the instance that refreshes, so the
-- job runs once across instances. Orders have no arrival time, so their ids are the mark:
-- ids above order_id_settled are re-read until they are older than the settle time.
create table analytics.rollup_state (
	name text primary key,
	refreshed_at timestamptz,
	order_id_settled bigint not null default 0,
	order_id_pending bigint not null default 0,
	pending_at timestamptz
);
insert into analytics.rollup_state (name) values ('metrics');
