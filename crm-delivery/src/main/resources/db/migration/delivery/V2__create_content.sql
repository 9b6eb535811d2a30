-- Channel content with A/B variants. Variant A is the content's own text; B, C, … are the
-- alternatives, each with its share of the split in percent (the variants add up to 100).
-- version counts the edits, so caches of parsed templates know when a content changed.
create table delivery.content (
	id bigint generated always as identity primary key,
	name text not null,
	channel text not null check (channel in ('EMAIL', 'LINE', 'SMS')),
	created_by text,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	version bigint not null default 0
);
create index content_created_idx on delivery.content (created_at desc, id desc);

-- EMAIL: subject, body (HTML), text (the plain part; null means derived from the HTML);
-- LINE: messages (1 to 5 texts); SMS: body.
create table delivery.content_variant (
	content_id bigint not null references delivery.content (id) on delete cascade,
	key text not null check (key ~ '^[A-Z]$'),
	subject text,
	body text not null,
	text text,
	messages text[] not null default '{}',
	weight integer not null check (weight between 0 and 100),
	primary key (content_id, key)
);
