-- ADS: consent to upload hashed identifiers to ad platforms. A consent channel only: the
-- messaging tables (engagement, suppression, delivery's outbox and contents) keep EMAIL, LINE, SMS.
alter table domain.consent drop constraint consent_channel_check;
alter table domain.consent add constraint consent_channel_check
	check (channel in ('EMAIL', 'LINE', 'SMS', 'ADS'));
