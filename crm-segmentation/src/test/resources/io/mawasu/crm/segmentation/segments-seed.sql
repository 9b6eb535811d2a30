-- Five customers whose every field is known, relative to today in Asia/Tokyo (see SegmentsIntegrationTests).
truncate domain.customer, domain.suppression, segmentation.rfm_run, segmentation.rfm_score, segmentation.segment cascade;

-- phone_e164 as the application writes it (PhoneNumbers.e164)
insert into domain.customer (external_id, name, email, phone, phone_e164, line_user_id, gender, birth_date, prefecture, city, tags, registered_at, blacklisted) values
('seg-1', 'Aiko', 'aiko@example.jp', '090-1111-2222', '+819011112222', 'U1', 'F', (now() at time zone 'Asia/Tokyo')::date - interval '30 years 10 days', '東京都', '渋谷区', '{vip,newsletter}', now() - interval '100 days', false),
('seg-2', 'Bunta', 'bunta@example.jp', null, null, 'U2', 'M', (now() at time zone 'Asia/Tokyo')::date - interval '45 years 10 days', '大阪府', '大阪市', '{newsletter}', now() - interval '400 days', false),
('seg-3', 'Chika', 'Chika@Example.jp', '080-3333-4444', '+818033334444', null, 'F', (now() at time zone 'Asia/Tokyo')::date - interval '22 years 10 days', '東京都', '新宿区', '{}', now() - interval '10 days', false),
('seg-4', 'Daigo', '  ', '070-5555-6666', '+817055556666', 'U4', 'O', null, '神奈川県', null, '{vip}', now() - interval '200 days', false),
('seg-5', 'Emi', 'emi@example.jp', null, null, 'U5', 'F', (now() at time zone 'Asia/Tokyo')::date - interval '60 years 10 days', '東京都', '港区', '{}', now() - interval '1000 days', true);

insert into domain.customer_summary (customer_id, first_ordered_at, last_ordered_at, last_positive_ordered_at, order_count, positive_order_count, total_spent)
select id, now() - interval '300 days', now() - interval '10 days', now() - interval '10 days', 3, 3, 30000 from domain.customer where external_id = 'seg-1'
union all select id, now() - interval '100 days', now() - interval '100 days', now() - interval '100 days', 1, 1, 5000 from domain.customer where external_id = 'seg-2'
union all select id, now() - interval '500 days', now() - interval '300 days', now() - interval '400 days', 2, 1, 12000 from domain.customer where external_id = 'seg-4'
union all select id, now() - interval '30 days', now() - interval '30 days', now() - interval '30 days', 1, 1, 100000 from domain.customer where external_id = 'seg-5';

insert into domain.orders (external_id, customer_id, ordered_at, amount, category, brand)
select 'seg-o1', id, now() - interval '10 days', 10000, 'shoes', 'Acme' from domain.customer where external_id = 'seg-1'
union all select 'seg-o2', id, now() - interval '100 days', 5000, 'bags', 'Other' from domain.customer where external_id = 'seg-2'
union all select 'seg-o3', id, now() - interval '400 days', 12000, 'bags', null from domain.customer where external_id = 'seg-4';

-- seg-2 opted out of EMAIL after opting in: the current row says OPT_OUT.
insert into domain.consent (customer_id, channel, status, changed_at, source)
select id, ch, st, now(), 'test' from domain.customer c
join (values ('seg-1', 'EMAIL', 'OPT_IN'), ('seg-1', 'LINE', 'OPT_IN'), ('seg-1', 'SMS', 'OPT_IN'),
	('seg-2', 'EMAIL', 'OPT_OUT'), ('seg-2', 'LINE', 'OPT_IN'),
	('seg-3', 'EMAIL', 'OPT_IN'), ('seg-3', 'SMS', 'OPT_IN'),
	('seg-4', 'EMAIL', 'OPT_IN'), ('seg-4', 'LINE', 'OPT_IN'), ('seg-4', 'SMS', 'OPT_IN'),
	('seg-5', 'EMAIL', 'OPT_IN'), ('seg-5', 'LINE', 'OPT_IN')) v(ext, ch, st) on v.ext = c.external_id;

insert into domain.suppression (channel, address, reason) values
('EMAIL', 'chika@example.jp', 'bounce'),
('SMS', '+817055556666', 'complaint');

insert into domain.customer_engagement (customer_id, channel, last_opened_at, last_clicked_at)
select id, 'EMAIL', now() - interval '5 days', now() - interval '20 days' from domain.customer where external_id = 'seg-1'
union all select id, 'LINE', now() - interval '50 days', null from domain.customer where external_id = 'seg-2';

-- An older finished run (ignored), the latest finished run, and a newer failed one (ignored).
insert into segmentation.rfm_run (as_of, method, status, finished_at) values
(current_date - 30, 'QUANTILE', 'DONE', now() - interval '30 days');
insert into segmentation.rfm_score (run_id, customer_id, recency_days, frequency, monetary, r, f, m, segment_code)
select (select max(id) from segmentation.rfm_run), id, 1, 1, 1, 5, 5, 5, 'champions' from domain.customer where external_id = 'seg-2';
insert into segmentation.rfm_run (as_of, method, status, finished_at) values
(current_date, 'QUANTILE', 'DONE', now());
insert into segmentation.rfm_score (run_id, customer_id, recency_days, frequency, monetary, r, f, m, segment_code)
select (select max(id) from segmentation.rfm_run), id, 10, 3, 30000, 5, 4, 4, 'champions' from domain.customer where external_id = 'seg-1'
union all select (select max(id) from segmentation.rfm_run), id, 100, 1, 5000, 2, 1, 2, 'at_risk' from domain.customer where external_id = 'seg-2';
insert into segmentation.rfm_run (as_of, method, status, finished_at, error) values
(current_date, 'QUANTILE', 'FAILED', now(), 'test');
insert into segmentation.rfm_score (run_id, customer_id, recency_days, frequency, monetary, r, f, m, segment_code)
select (select max(id) from segmentation.rfm_run), id, 1, 1, 1, 5, 5, 5, 'champions' from domain.customer;
