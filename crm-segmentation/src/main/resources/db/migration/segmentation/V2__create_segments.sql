-- Rule-based segments: the rule is the JSON tree of DESIGN.md §4, compiled to SQL when evaluated.
create table segmentation.segment (
	id bigint generated always as identity primary key,
	name text not null,
	rule jsonb not null,
	rank_priority integer,
	refresh_cron text,
	created_by text,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	version bigint not null default 0
);

create table segmentation.segment_snapshot (
	id bigint generated always as identity primary key,
	segment_id bigint not null references segmentation.segment (id) on delete cascade,
	taken_at timestamptz not null default now(),
	size integer not null,
	reach_email integer not null,
	reach_line integer not null,
	reach_sms integer not null
);
create index segment_snapshot_segment_idx on segmentation.segment_snapshot (segment_id, taken_at);

-- Members of each segment's latest snapshot (scenarios enrol from here; joins/leaves are diffed).
create table segmentation.segment_member (
	segment_id bigint not null references segmentation.segment (id) on delete cascade,
	customer_id bigint not null,
	snapshot_id bigint not null references segmentation.segment_snapshot (id) on delete cascade,
	primary key (segment_id, customer_id)
);
