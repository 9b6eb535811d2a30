-- Send-time rules stored with each message (SendRules): the frequency cap and quiet hours of the
-- scenario or campaign that enqueued it, checked by the worker when the message is due.
alter table delivery.message
	add column cap_max integer check (cap_max >= 1),
	add column cap_days integer check (cap_days >= 1),
	add column cap_per_channel boolean not null default false,
	add column quiet_from time,
	add column quiet_to time,
	-- the address the message went to (or failed at), for the unsubscribe page and suppression
	add column address text,
	add column provider_id text,
	-- SMTP 5xx on the recipient and the like: the address went on domain.suppression
	add column undeliverable boolean not null default false,
	-- when the message reached SENT, FAILED or SUPPRESSED (sent_at is for SENT only)
	add column finished_at timestamptz;

-- Frequency caps count a customer's sent messages in the last days, and those being sent.
create index message_cap_sent_idx on delivery.message (customer_id, sent_at) where state = 'SENT';
create index message_cap_sending_idx on delivery.message (customer_id) where state = 'SENDING';
-- The Deliveries page: outcomes per channel per hour, newest failures.
create index message_finished_idx on delivery.message (finished_at) where finished_at is not null;

-- Opens, clicks and unsubscribes from tracking links. "first" marks a message's first event of
-- its kind (at most one, by the partial unique index), so unique opens and clicks need no distinct.
create table delivery.event (
	id bigint generated always as identity primary key,
	message_id bigint not null references delivery.message (id),
	customer_id bigint not null,
	channel text not null check (channel in ('EMAIL', 'LINE', 'SMS')),
	kind text not null check (kind in ('OPENED', 'CLICKED', 'UNSUBSCRIBED')),
	link integer,
	at timestamptz not null default now(),
	first boolean not null
);
create unique index event_first_key on delivery.event (message_id, kind) where first;
create index event_message_idx on delivery.event (message_id, at);
create index event_customer_idx on delivery.event (customer_id, at);

-- The SQL API other modules (analytics) read: each event with its message's source and content.
create view delivery.v_message_event as
select e.id, e.message_id, m.source_type, m.source_id, m.step_key, m.content_id, m.variant, e.customer_id,
	e.channel, e.kind, e.link, e.at, e.first, m.sent_at
from delivery.event e
join delivery.message m on m.id = e.message_id;
