-- User names are unique regardless of case, so "Admin" cannot pose as "admin".
create unique index app_user_username_lower_key on web.app_user (lower(username));

-- The audit page and API read the newest entries first, with id as the tie-breaker.
drop index web.audit_log_at_idx;
create index audit_log_at_id_idx on web.audit_log (at desc, id desc);
