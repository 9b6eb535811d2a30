create schema if not exists segmentation;

-- Named RFM segments: an editable grid over R (1-5) x FM (1-5, FM = round((f + m) / 2), halves up).
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

insert into segmentation.rfm_segment (code, name_ja, name_en, colour, sort_order) values
	('champions', '優良顧客', 'Champions', '#1a7f37', 1),
	('loyal', 'ロイヤル顧客', 'Loyal', '#2da44e', 2),
	('potential_loyalists', '優良予備軍', 'Potential loyalists', '#4ac26b', 3),
	('new', '新規顧客', 'New', '#0969da', 4),
	('promising', '有望顧客', 'Promising', '#54aeff', 5),
	('need_attention', '要注意顧客', 'Need attention', '#d4a72c', 6),
	('about_to_sleep', '休眠予備軍', 'About to sleep', '#bf8700', 7),
	('at_risk', '離反予備軍', 'At risk', '#fb8f44', 8),
	('cant_lose', '失いたくない顧客', 'Can''t lose', '#cf222e', 9),
	('hibernating', '休眠顧客', 'Hibernating', '#8c959f', 10),
	('lost', '離反顧客', 'Lost', '#57606a', 11);

-- Rows: R 5 (bought most recently) to 1; columns: FM 1 to 5.
insert into segmentation.rfm_segment_cell (r, fm, segment_code) values
	(5, 1, 'new'), (5, 2, 'potential_loyalists'), (5, 3, 'potential_loyalists'), (5, 4, 'champions'), (5, 5, 'champions'),
	(4, 1, 'promising'), (4, 2, 'potential_loyalists'), (4, 3, 'loyal'), (4, 4, 'loyal'), (4, 5, 'champions'),
	(3, 1, 'about_to_sleep'), (3, 2, 'need_attention'), (3, 3, 'need_attention'), (3, 4, 'loyal'), (3, 5, 'loyal'),
	(2, 1, 'hibernating'), (2, 2, 'about_to_sleep'), (2, 3, 'at_risk'), (2, 4, 'at_risk'), (2, 5, 'cant_lose'),
	(1, 1, 'lost'), (1, 2, 'lost'), (1, 3, 'hibernating'), (1, 4, 'at_risk'), (1, 5, 'cant_lose');

-- One row per scoring pass. no_purchase counts the customers of domain.customer who were not
-- scored: no order with a positive amount in the window up to the as-of date.
create table segmentation.rfm_run (
	id bigint generated always as identity primary key,
	as_of date not null,
	method text not null check (method in ('QUANTILE', 'THRESHOLD')),
	lookback_days integer check (lookback_days > 0),
	-- THRESHOLD only: four ascending cut points per axis.
	recency_cuts numeric[],
	frequency_cuts numeric[],
	monetary_cuts numeric[],
	status text not null check (status in ('RUNNING', 'DONE', 'FAILED')),
	started_at timestamptz not null default now(),
	finished_at timestamptz,
	customers integer,
	no_purchase integer,
	error text
);
-- At most one run in progress at a time, across every app instance.
create unique index rfm_run_one_running_idx on segmentation.rfm_run ((true)) where status = 'RUNNING';
create index rfm_run_done_idx on segmentation.rfm_run (id) where status = 'DONE';

-- Scores, one partition per run (segmentation.rfm_score_<run id>): a run fills its partition
-- before it has any index, builds the primary key in one sorted pass and then attaches it, which
-- at 1M customers is several times cheaper than maintaining a B-tree row by row. For the same
-- reason there is no foreign key to rfm_run (a 1M-row check costs ~10 s): a run's scores go
-- with its partition.
create table segmentation.rfm_score (
	run_id bigint not null,
	customer_id bigint not null,
	recency_days integer not null,
	frequency integer not null,
	monetary numeric(16, 2) not null,
	r smallint not null,
	f smallint not null,
	m smallint not null,
	segment_code text not null,
	primary key (run_id, customer_id)
) partition by list (run_id);
-- Rows written outside a run's own partition (fixtures, manual corrections) land here instead of failing.
create table segmentation.rfm_score_default partition of segmentation.rfm_score default;

-- A run's distribution over (r, f, m) with the segment each combination fell in: at most 125
-- rows, so the RFM page, the heat map and the segment counts never rescan the scores.
create table segmentation.rfm_run_cell (
	run_id bigint not null references segmentation.rfm_run (id) on delete cascade,
	r smallint not null,
	f smallint not null,
	m smallint not null,
	segment_code text not null,
	customers integer not null,
	monetary numeric(18, 2) not null,
	primary key (run_id, r, f, m)
);
