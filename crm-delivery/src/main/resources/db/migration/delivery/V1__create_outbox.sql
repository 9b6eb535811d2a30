create schema if not exists delivery;

-- The outbox (DESIGN.md §5): one row per message, claimed in batches with FOR UPDATE SKIP LOCKED
-- so any number of instances can send without double sends. The unique key makes enqueueing
-- idempotent: one message per (source, step, customer). No foreign key into crm-domain's schema:
-- module migrations must not depend on each other's order, and customers are never deleted.
create table delivery.message (
	id bigint generated always as identity primary key,
	source_type text not null check (source_type in ('SCENARIO', 'CAMPAIGN', 'TEST')),
	source_id bigint not null,
	step_key text not null,
	customer_id bigint not null,
	channel text not null check (channel in ('EMAIL', 'LINE', 'SMS')),
	content_id bigint,
	variant text,
	state text not null default 'QUEUED' check (state in ('QUEUED', 'SENDING', 'SENT', 'FAILED', 'SUPPRESSED')),
	skip_reason text,
	attempts integer not null default 0,
	next_attempt_at timestamptz not null default now(),
	claimed_by text,
	claimed_at timestamptz,
	sent_at timestamptz,
	error text,
	created_at timestamptz not null default now(),
	constraint message_once_key unique (source_type, source_id, step_key, customer_id)
);
create index message_due_idx on delivery.message (next_attempt_at) where state = 'QUEUED';
create index message_sending_idx on delivery.message (claimed_at) where state = 'SENDING';
create index message_customer_idx on delivery.message (customer_id, created_at);
