-- db-scheduler's table (version 16): one row per scheduled execution of a cluster-wide job
-- (the RFM schedule, the segment refresh check, CSV imports started from the page). An
-- instance claims a due row by an optimistic update of picked/version, so a job runs on
-- one instance per due time; a claimer that stops sending heartbeats is taken over.
create table if not exists scheduled_tasks (
	task_name text not null,
	task_instance text not null,
	task_data bytea,
	execution_time timestamptz not null,
	picked boolean not null,
	picked_by text,
	last_success timestamptz,
	last_failure timestamptz,
	consecutive_failures int,
	last_heartbeat timestamptz,
	version bigint not null,
	priority smallint,
	primary key (task_name, task_instance)
);
create index if not exists scheduled_tasks_execution_time_idx on scheduled_tasks (execution_time);
create index if not exists scheduled_tasks_last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index if not exists scheduled_tasks_priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
