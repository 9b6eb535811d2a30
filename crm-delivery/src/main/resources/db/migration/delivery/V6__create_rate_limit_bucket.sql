-- The per-channel rate limit shared by every instance (RateLimiter): one token bucket per channel,
-- refilled by elapsed time and taken from in a single UPDATE, so N instances together stay within
-- the provider's limit.
create table delivery.rate_limit_bucket (
	channel text primary key check (channel in ('EMAIL', 'LINE', 'SMS')),
	tokens double precision not null,
	refilled_at timestamptz not null
);
