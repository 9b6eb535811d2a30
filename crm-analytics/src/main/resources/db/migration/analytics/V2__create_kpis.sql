-- KPI targets: a metric over an inclusive period of dates in the shop's zone, optionally for one
-- scenario or restricted to a segment's current members.
create table analytics.kpi (
	id bigint generated always as identity primary key,
	name text not null,
	metric text not null,
	from_date date not null,
	to_date date not null,
	target numeric(18, 4) not null,
	baseline numeric(18, 4),
	scenario_id bigint,
	segment_id bigint,
	created_by text,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	check (to_date >= from_date)
);
create index kpi_scenario_idx on analytics.kpi (scenario_id);
