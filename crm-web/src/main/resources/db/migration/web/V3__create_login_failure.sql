-- Failed logins per (user name, client address): a lock applies to that pair only, so
-- nobody can lock another user out from their own address. User names that do not exist
-- are counted the same way, so failures look alike for every name.
create table web.login_failure (
	username text not null,
	address text not null,
	failed_attempts integer not null,
	locked_until timestamptz,
	last_failed_at timestamptz not null,
	primary key (username, address)
);
create index login_failure_last_failed_at_idx on web.login_failure (last_failed_at);
