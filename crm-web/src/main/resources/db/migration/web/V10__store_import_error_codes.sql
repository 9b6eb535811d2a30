-- Line errors are stored as a message key and its arguments, worded in the reader's language
-- when shown; warnings (rows kept with a value left aside) are stored beside the errors. Rows
-- of jobs finished before keep their English message (code null).
alter table web.import_job_error
	add column code text,
	add column args text[] not null default '{}',
	add column warning boolean not null default false,
	alter column message drop not null;
