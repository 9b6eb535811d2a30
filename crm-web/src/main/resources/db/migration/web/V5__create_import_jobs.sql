-- Imports started from the page run as db-scheduler one-off tasks on any instance: the job,
-- its progress and its result live here, and the uploaded file is stored in chunks until
-- the job has finished, so another instance can run (or re-run) it after a restart.
create table web.import_job (
	id uuid primary key,
	kind text not null check (kind in ('CUSTOMERS', 'ORDERS', 'CONSENTS')),
	filename text not null,
	username text not null,
	charset text,
	address text,
	status text not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
	attempts int not null default 0,
	rows_read bigint not null default 0,
	inserted bigint,
	updated bigint,
	rejected bigint,
	failure text,
	created_at timestamptz not null,
	started_at timestamptz,
	finished_at timestamptz
);
create index import_job_created_at_idx on web.import_job (created_at);

-- The first errors of a finished job (at most ImportResult.MAX_ERRORS), in line order.
create table web.import_job_error (
	job_id uuid not null references web.import_job (id) on delete cascade,
	seq int not null,
	line bigint not null,
	field text not null,
	message text not null,
	primary key (job_id, seq)
);

-- The uploaded file in 1 MB pieces, removed when the job has finished.
create table web.import_job_chunk (
	job_id uuid not null references web.import_job (id) on delete cascade,
	seq int not null,
	data bytea not null,
	primary key (job_id, seq)
);
