-- KPT retrospectives (Keep / Problem / Try), one board per cycle. Writes notify the channel
-- crm_kpt (pg_notify at commit), which every app instance LISTENs to for its SSE clients.
create table analytics.kpt_board (
	cycle_id bigint primary key references analytics.cycle (id),
	open boolean not null default true,
	phase text not null default 'WRITING' check (phase in ('WRITING', 'GROUPING', 'VOTING', 'DISCUSSION')),
	silent boolean not null default false,
	vote_limit integer not null default 3 check (vote_limit between 1 and 100),
	discussion_ends_at timestamptz,
	closed_by text,
	closed_at timestamptz
);

create table analytics.kpt_group (
	id bigserial primary key,
	cycle_id bigint not null references analytics.cycle (id),
	title text not null
);

create table analytics.kpt_card (
	id bigserial primary key,
	cycle_id bigint not null references analytics.cycle (id),
	kpt_column text not null check (kpt_column in ('KEEP', 'PROBLEM', 'TRY')),
	text text not null,
	author text not null,
	-- written during silent writing: shown only to its author until the facilitator reveals
	hidden boolean not null default false,
	group_id bigint references analytics.kpt_group (id),
	action_owner text,
	action_due date,
	created_at timestamptz not null,
	updated_at timestamptz not null
);
create index kpt_card_cycle_idx on analytics.kpt_card (cycle_id, id);

create table analytics.kpt_vote (
	card_id bigint not null references analytics.kpt_card (id) on delete cascade,
	username text not null,
	cycle_id bigint not null,
	at timestamptz not null,
	primary key (card_id, username)
);
create index kpt_vote_voter_idx on analytics.kpt_vote (cycle_id, username);
