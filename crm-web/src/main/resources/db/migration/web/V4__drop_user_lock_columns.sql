-- Locks moved to web.login_failure (per user and address); the per-user columns are unused.
alter table web.app_user drop column failed_attempts, drop column locked_until;
