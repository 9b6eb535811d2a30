-- CLV fits (BG/NBD + Gamma-Gamma) and their per-customer predictions. A fit row is
-- written in the same transaction as its predictions, so every row here is complete.
create table segmentation.clv_fit (
	id bigserial primary key,
	calibration_end date not null,
	time_unit text not null check (time_unit in ('WEEK', 'DAY')),
	horizon integer not null check (horizon between 1 and 520),
	customers integer not null,
	repeaters integer not null,
	r double precision not null,
	alpha double precision not null,
	a double precision not null,
	b double precision not null,
	bgnbd_log_likelihood double precision not null,
	p double precision,
	q double precision,
	gamma double precision,
	gamma_gamma_log_likelihood double precision,
	-- predicted cumulative repeat purchases of the fitted customers after calibration_end,
	-- one entry per week 1..n (the calibration/holdout check of the papers)
	holdout_predicted double precision[] not null,
	created_at timestamptz not null
);

-- Read by customer (the customer page, the API) and by fit (export, segment rules).
create table segmentation.clv_prediction (
	fit_id bigint not null references segmentation.clv_fit (id) on delete cascade,
	customer_id bigint not null,
	frequency integer not null,
	recency double precision not null,
	t double precision not null,
	spend numeric(16, 2),
	p_alive double precision not null,
	expected_purchases double precision not null,
	expected_spend double precision not null,
	clv double precision not null,
	primary key (fit_id, customer_id)
);

create index clv_prediction_customer on segmentation.clv_prediction (customer_id, fit_id);
