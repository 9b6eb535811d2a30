-- The SQL API analytics reads segmentation through: each customer's RFM segment in the
-- latest finished run, and each saved segment's current members.
create view segmentation.v_rfm_latest as
select s.customer_id, s.segment_code, s.r, s.f, s.m, s.run_id
from segmentation.rfm_score s
where s.run_id = (select max(r.id) from segmentation.rfm_run r where r.status = 'DONE');

create view segmentation.v_segment_member as
select segment_id, customer_id
from segmentation.segment_member;
