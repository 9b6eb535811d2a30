-- Synthetic data for scripts/bench-rfm.sh and scripts/bench-clv.sh: :customers customers and
-- about :orders_per_customer orders each (skewed towards low ids), over three years, ~3% returns.
-- Optional :dropout (default 0, bench-rfm's data): that share of the customers stops buying on a
-- uniformly drawn day of the three years and places all its orders before it, so the data show
-- the dropout the BG/NBD model of bench-clv estimates. Each customer's two draws come from a
-- hash of its id, so they are the same for all its orders.
\set ON_ERROR_STOP on
\if :{?dropout}
\else
\set dropout 0
\endif
set work_mem = '256MB';
truncate domain.orders, domain.customer restart identity cascade;

insert into domain.customer (external_id, name, gender, prefecture, registered_at)
select 'C' || i, 'Customer ' || i, (array['F', 'M', 'O'])[1 + i % 3], 'Tokyo',
	now() - (i % 1500) * interval '1 day'
from generate_series(1, :customers) as i;

insert into domain.orders (external_id, customer_id, ordered_at, amount)
select 'O' || i, customer_id,
	now() - (dead_days + random() * (1095 - dead_days)) * interval '1 day',
	case when random() < 0.03 then -round((100 + random() * 5000)::numeric, 0)
		else round((500 + random() * random() * 30000)::numeric, 0) end
from (
	select i, customer_id,
		case when (hashint8extended(customer_id, 1) & 16777215)::float8 < :dropout * 16777216
			then (hashint8extended(customer_id, 2) & 16777215)::float8 / 16777216 * 1095 else 0 end as dead_days
	from (
		select i, 1 + floor(:customers * power(random(), 1.3))::bigint as customer_id
		from generate_series(1, :customers * :orders_per_customer) as i
	) as drawn
) as placed;

analyze domain.customer;
analyze domain.orders;
