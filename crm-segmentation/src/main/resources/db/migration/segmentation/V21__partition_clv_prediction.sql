-- One partition of clv_prediction per fit, as rfm_score has one per run: a fit's million rows
-- are COPYed into a fresh table without indexes, indexed once by sorting, then attached, and
-- pruning an old fit drops its partition instead of deleting its rows. Every query reads one
-- fit (fit_id, then customer_id), which the primary key serves; the former second index
-- (customer_id, fit_id) served none and is not recreated.
alter table segmentation.clv_prediction rename to clv_prediction_unpartitioned;
alter index segmentation.clv_prediction_pkey rename to clv_prediction_unpartitioned_pkey;

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
) partition by list (fit_id);

do $$
declare
	fit bigint;
begin
	for fit in select distinct fit_id from segmentation.clv_prediction_unpartitioned loop
		execute format('create table segmentation.clv_prediction_%s partition of segmentation.clv_prediction '
			|| 'for values in (%s)', fit, fit);
	end loop;
end
$$;

insert into segmentation.clv_prediction select * from segmentation.clv_prediction_unpartitioned;
drop table segmentation.clv_prediction_unpartitioned;
