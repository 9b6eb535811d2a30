-- Failure isolation in the engine: a scenario whose batch fails is rolled back alone, marked here
-- and shown on its page and in GET /api/scenarios/{id}, while every other scenario keeps running.
alter table scenario.scenario
	add column failures integer not null default 0,
	add column last_error text,
	add column last_failed_at timestamptz;
