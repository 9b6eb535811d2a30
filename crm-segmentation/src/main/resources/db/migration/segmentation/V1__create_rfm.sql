create schema if not exists segmentation;

-- Named RFM segments: an editable grid over R (1-5) x FM (1-5, the rounded mean of F and M).
create table segmentation.rfm_segment (
	code text primary key,
	name_ja text not null,
	name_en text not null,
	colour text not null,
	sort_order integer not null
);

create table segmentation.rfm_segment_cell (
	r smallint not null check (r between 1 and 5),
	fm smallint not null check (fm between 1 and 5),
	segment_code text not null references segmentation.rfm_segment (code),
	primary key (r, fm)
);

create table segmentation.rfm_run (
	id bigint generated always as identity primary key,
	as_of date not null,
	method text not null check (method in ('QUANTILE', 'THRESHOLD')),
	lookback_days integer,
	cuts jsonb,
	status text not null check (status in ('RUNNING', 'DONE', 'FAILED')),
	started_at timestamptz not null default now(),
	finished_at timestamptz,
	customers integer,
	no_purchase integer,
	error text
);
-- At most one run in progress at a time, across every app instance.
create unique index rfm_run_one_running_idx on segmentation.rfm_run ((true)) where status = 'RUNNING';

create table segmentation.rfm_score (
	run_id bigint not null references segmentation.rfm_run (id) on delete cascade,
	customer_id bigint not null,
	recency_days integer not null,
	frequency integer not null,
	monetary numeric(16, 2) not null,
	r smallint not null,
	f smallint not null,
	m smallint not null,
	segment_code text not null,
	primary key (run_id, customer_id)
);
