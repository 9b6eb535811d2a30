-- The phone in E.164 (+819012345678), computed by the application with libphonenumber
-- (PhoneNumbers.e164) on every import and customer write; null when there is no phone or it is
-- not a phone number. SMS sends go to it, the SMS webhook finds customers by it, and reach and
-- eligibility count it as the SMS address. Rows written before it existed are filled by the
-- background task PhoneBackfill, which walks the second (partial) index.
alter table domain.customer add column phone_e164 text collate "C";
create index customer_phone_e164_idx on domain.customer (phone_e164) where phone_e164 is not null;
create index customer_phone_unnormalised_idx on domain.customer (id) where phone is not null and phone_e164 is null;
-- The national-number expression index served the regex comparison this column replaces.
drop index domain.customer_phone_number_idx;
