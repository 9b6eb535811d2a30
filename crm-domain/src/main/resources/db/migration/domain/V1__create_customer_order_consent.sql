create schema if not exists domain;

-- External ids are opaque keys from the source systems, compared by bytes (collation "C"): their
-- unique indexes are cheaper to maintain and probe than under a linguistic collation (~20% of an
-- orders import), and nothing sorts them for people.
create table domain.customer (
	id bigint generated always as identity primary key,
	external_id text collate "C" not null,
	name text,
	email text,
	phone text,
	line_user_id text,
	gender char(1) check (gender in ('F', 'M', 'O')),
	birth_date date,
	prefecture text,
	city text,
	tags text[] not null default '{}',
	registered_at timestamptz,
	blacklisted boolean not null default false,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	version bigint not null default 0,
	constraint customer_external_id_key unique (external_id)
);
-- Search and filters of the customer list ("contains" search on name, email, external id uses pg_trgm).
create index customer_name_trgm_idx on domain.customer using gin (name gin_trgm_ops);
create index customer_email_trgm_idx on domain.customer using gin (email gin_trgm_ops);
create index customer_external_id_trgm_idx on domain.customer using gin (external_id gin_trgm_ops);
create index customer_prefecture_idx on domain.customer (prefecture, id);
create index customer_tags_idx on domain.customer using gin (tags);

-- "order" is a reserved word; one row per order as the import contract has it. Category, brand,
-- quantity and list price describe the order's (main) line for CTB and PB analysis.
create table domain.orders (
	id bigint generated always as identity primary key,
	external_id text collate "C" not null,
	customer_id bigint not null references domain.customer (id),
	ordered_at timestamptz not null,
	amount numeric(14, 2) not null,
	currency char(3) not null default 'JPY',
	category text,
	brand text,
	quantity integer,
	list_price numeric(14, 2),
	constraint orders_external_id_key unique (external_id)
);
create index orders_customer_idx on domain.orders (customer_id, ordered_at);
create index orders_ordered_at_idx on domain.orders (ordered_at);

-- Behavioural facts per customer, kept current set-based by every order import (DESIGN.md §3).
create table domain.customer_summary (
	customer_id bigint primary key references domain.customer (id) on delete cascade,
	first_ordered_at timestamptz,
	last_ordered_at timestamptz,
	last_positive_ordered_at timestamptz,
	order_count integer not null default 0,
	positive_order_count integer not null default 0,
	total_spent numeric(16, 2) not null default 0,
	second_ordered_at timestamptz,
	updated_at timestamptz not null default now()
);

-- Per-channel engagement facts, fed by delivery through crm-domain's API.
create table domain.customer_engagement (
	customer_id bigint not null references domain.customer (id) on delete cascade,
	channel text not null check (channel in ('EMAIL', 'LINE', 'SMS')),
	last_opened_at timestamptz,
	last_clicked_at timestamptz,
	primary key (customer_id, channel)
);

create table domain.consent (
	customer_id bigint not null references domain.customer (id) on delete cascade,
	channel text not null check (channel in ('EMAIL', 'LINE', 'SMS')),
	status text not null check (status in ('OPT_IN', 'OPT_OUT')),
	changed_at timestamptz not null,
	source text not null,
	primary key (customer_id, channel)
);
create index consent_channel_status_idx on domain.consent (channel, status);

create table domain.consent_history (
	id bigint generated always as identity primary key,
	customer_id bigint not null references domain.customer (id) on delete cascade,
	channel text not null,
	status text not null,
	changed_at timestamptz not null,
	source text not null,
	actor text,
	recorded_at timestamptz not null default now()
);
create index consent_history_customer_idx on domain.consent_history (customer_id, recorded_at);

-- Addresses nobody may be messaged at, whoever they belong to (bounces, complaints, manual blocks).
create table domain.suppression (
	id bigint generated always as identity primary key,
	channel text not null check (channel in ('EMAIL', 'LINE', 'SMS')),
	address text not null,
	reason text not null,
	created_at timestamptz not null default now(),
	constraint suppression_channel_address_key unique (channel, address)
);
