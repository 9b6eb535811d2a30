-- crm-domain's SQL API: the read-only views other modules' set-based SQL may read (DESIGN §2).
-- They are plain projections (inlined by the planner, so the tables' indexes serve them); other
-- modules never name domain's tables, so domain may reshape its tables behind these views.
create view domain.v_customer as
select id, external_id, name, email, phone, line_user_id, gender, birth_date, prefecture, city, tags,
	registered_at, blacklisted, created_at, updated_at
from domain.customer;

create view domain.v_order as
select id, external_id, customer_id, ordered_at, amount, currency, category, brand, quantity, list_price
from domain.orders;

create view domain.v_customer_summary as
select customer_id, first_ordered_at, last_ordered_at, last_positive_ordered_at, order_count,
	positive_order_count, total_spent, second_ordered_at, updated_at
from domain.customer_summary;

create view domain.v_customer_engagement as
select customer_id, channel, last_opened_at, last_clicked_at
from domain.customer_engagement;

-- The current consent per customer and channel: a customer is reachable on a channel only with a
-- row here whose status is OPT_IN.
create view domain.v_consent_current as
select customer_id, channel, status, changed_at, source
from domain.consent;

create view domain.v_consent_history as
select id, customer_id, channel, status, changed_at, source, actor, recorded_at
from domain.consent_history;

create view domain.v_suppression as
select id, channel, address, reason, created_at
from domain.suppression;
