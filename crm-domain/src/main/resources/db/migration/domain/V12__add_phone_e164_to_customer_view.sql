-- v_customer publishes phone_e164 (appended: a view's existing columns keep their place).
create or replace view domain.v_customer as
select id, external_id, name, email, phone, line_user_id, gender, birth_date, prefecture, city, tags,
	registered_at, blacklisted, created_at, updated_at, phone_e164
from domain.customer;
