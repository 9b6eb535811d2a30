-- Monthly purchase KPIs per calendar month of a time zone (the shop's crm.time-zone), so the home
-- page reads 24 rows instead of counting distinct customers over millions of orders. A month is
-- recomputed from the orders when it is missing here or one of its days is marked dirty.
create table domain.order_month (
	zone text not null,
	month date not null,
	purchasing_customers bigint not null,
	orders bigint not null,
	revenue numeric(18, 2) not null,
	computed_at timestamptz not null default now(),
	primary key (zone, month)
);

-- UTC days whose orders changed since their months were last computed; written by the
-- statement triggers below, consumed by OrderQueries.
create table domain.order_month_dirty (
	day date primary key
);

create function domain.mark_order_days_dirty() returns trigger language plpgsql as $$
begin
	if tg_op in ('INSERT', 'UPDATE') then
		insert into domain.order_month_dirty (day)
		select distinct cast(ordered_at at time zone 'UTC' as date) from new_orders
		on conflict do nothing;
	end if;
	if tg_op in ('UPDATE', 'DELETE') then
		insert into domain.order_month_dirty (day)
		select distinct cast(ordered_at at time zone 'UTC' as date) from old_orders
		on conflict do nothing;
	end if;
	return null;
end
$$;

create trigger orders_inserted_mark_months after insert on domain.orders
	referencing new table as new_orders for each statement execute function domain.mark_order_days_dirty();
create trigger orders_updated_mark_months after update on domain.orders
	referencing old table as old_orders new table as new_orders
	for each statement execute function domain.mark_order_days_dirty();
create trigger orders_deleted_mark_months after delete on domain.orders
	referencing old table as old_orders for each statement execute function domain.mark_order_days_dirty();

create function domain.forget_order_months() returns trigger language plpgsql as $$
begin
	delete from domain.order_month;
	delete from domain.order_month_dirty;
	return null;
end
$$;

create trigger orders_truncated_forget_months after truncate on domain.orders
	for each statement execute function domain.forget_order_months();
