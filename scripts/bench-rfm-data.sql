-- Synthetic data for scripts/bench-rfm.sh: :customers customers and about
-- :orders_per_customer orders each (skewed towards low ids), over three years, ~3% returns.
\set ON_ERROR_STOP on
set work_mem = '256MB';
truncate domain.orders, domain.customer restart identity cascade;

insert into domain.customer (external_id, name, gender, prefecture, registered_at)
select 'C' || i, 'Customer ' || i, (array['F', 'M', 'O'])[1 + i % 3], 'Tokyo',
	now() - (i % 1500) * interval '1 day'
from generate_series(1, :customers) as i;

insert into domain.orders (external_id, customer_id, ordered_at, amount)
select 'O' || i,
	1 + floor(:customers * power(random(), 1.3))::bigint,
	now() - random() * interval '1095 days',
	case when random() < 0.03 then -round((100 + random() * 5000)::numeric, 0)
		else round((500 + random() * random() * 30000)::numeric, 0) end
from generate_series(1, :customers * :orders_per_customer) as i;

analyze domain.customer;
analyze domain.orders;
