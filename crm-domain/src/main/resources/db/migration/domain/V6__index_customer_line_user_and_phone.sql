-- Webhooks find customers by their LINE user id (follow / unfollow) and by their phone (SMS STOP).
-- Phones compare by their national significant number, so "+81 90-1234-5678" and "090-1234-5678"
-- are the same; the expression matches Consents.customersByPhone.
create index customer_line_user_id_idx on domain.customer (btrim(line_user_id)) where line_user_id is not null;
create index customer_phone_number_idx on domain.customer
	(regexp_replace(regexp_replace(phone, '[^0-9]', '', 'g'), '^(81|0)', '')) where phone is not null;
