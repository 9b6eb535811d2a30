create schema if not exists web;

create table web.app_user (
	id bigint generated always as identity primary key,
	username text not null,
	password_hash text not null,
	enabled boolean not null default true,
	failed_attempts integer not null default 0,
	locked_until timestamptz,
	created_at timestamptz not null default now(),
	constraint app_user_username_key unique (username)
);

create table web.app_user_role (
	user_id bigint not null references web.app_user (id) on delete cascade,
	role text not null check (role in ('ADMIN', 'MARKETER', 'CONTENT_EDITOR', 'ANALYST', 'MANAGER')),
	primary key (user_id, role)
);

create table web.audit_log (
	id bigint generated always as identity primary key,
	at timestamptz not null default now(),
	username text,
	action text not null,
	target text,
	ip text,
	detail text
);
create index audit_log_at_idx on web.audit_log (at desc);
