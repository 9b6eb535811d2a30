-- Lease-based claiming (docs/delivery.md): a worker claims due messages under its claimer id while
-- they stay QUEUED; only the small group it is about to hand to the provider becomes SENDING. The
-- claimer renews its lease while it works; once the lease has expired, its claimed but unattempted
-- messages are free for any other claimer. One row per claimer, so a renewal is one row update.
create table delivery.claimer (
	id text primary key,
	lease_until timestamptz not null
);
create index claimer_lease_idx on delivery.claimer (lease_until);

-- Releasing the messages of an expired claimer, and a claimer's own next group.
create index message_claimed_idx on delivery.message (claimed_by) where state = 'QUEUED' and claimed_by is not null;
