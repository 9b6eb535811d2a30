-- Which saved segments a customer is in (customer detail, scenario entry checks).
create index segment_member_customer_idx on segmentation.segment_member (customer_id);
