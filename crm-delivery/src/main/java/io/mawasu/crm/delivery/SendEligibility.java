package io.mawasu.crm.delivery;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mawasu.crm.domain.consent.Channel;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The send-time check of DESIGN.md §5, for a whole batch in one statement (keep batches
 * below a few thousand ids: each is a bind parameter): a customer may be messaged on a
 * channel only when the current consent row ({@code domain.v_consent_current}) says
 * OPT_IN (its status alone decides, never a comparison of dates, so an opt-out recorded
 * at any time wins), when not blacklisted, with an address for the channel that is not
 * suppressed. Addresses are compared as the segment reach counts them: email
 * case-insensitively, LINE user id trimmed, phone by its E.164 form
 * ({@code v_customer.phone_e164}, the number SMS goes to and suppressions record; a phone
 * that is not a number has none, so no SMS address).
 */
@Service
public class SendEligibility {

	private final JdbcClient jdbc;

	SendEligibility(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The customers of {@code customerIds} who must not be messaged on {@code channel},
	 * each with its first reason in the order consent, blacklist, address, suppression.
	 * Unknown ids are reported as {@link SkipReason#NO_CONSENT}.
	 */
	@Transactional(readOnly = true)
	public Map<Long, SkipReason> blocked(Channel channel, Collection<Long> customerIds) {
		Map<Long, SkipReason> blocked = new HashMap<>();
		if (customerIds.isEmpty()) {
			return blocked;
		}
		this.jdbc.sql("""
				select i.id,
					case
						when k.status is distinct from 'OPT_IN' then 'NO_CONSENT'
						when c.blacklisted then 'BLACKLISTED'
						when a.address is null or a.address = '' then 'NO_ADDRESS'
						when exists (select 1 from domain.v_suppression s where s.channel = :channel and case :channel
								when 'EMAIL' then lower(btrim(s.address))
								when 'SMS' then s.address
								else btrim(s.address) end = a.address) then 'SUPPRESSED'
					end as reason
				from unnest(cast(array[:ids] as bigint[])) as i (id)
				left join domain.v_customer c on c.id = i.id
				left join domain.v_consent_current k on k.customer_id = c.id and k.channel = :channel
				left join lateral (select case :channel
						when 'EMAIL' then lower(btrim(c.email))
						when 'SMS' then c.phone_e164
						else btrim(c.line_user_id) end as address) a on true
				""").param("channel", channel.name()).param("ids", List.copyOf(customerIds)).query((rs, n) -> {
			String reason = rs.getString("reason");
			if (reason != null) {
				blocked.put(rs.getLong("id"), SkipReason.valueOf(reason));
			}
			return reason;
		}).list();
		return blocked;
	}

	/**
	 * Of {@code customerIds}, those who may be messaged on at least one of
	 * {@code channels}, ascending and without duplicates: a current OPT_IN on the
	 * channel, not blacklisted, an address for it that is not suppressed (the checks of
	 * {@link #blocked}). One statement over crm-domain's views, the ids and channels each
	 * bound as one array parameter, so any number of ids fits. No channels: none.
	 */
	@Transactional(readOnly = true)
	public long[] reachable(Collection<Channel> channels, long[] customerIds) {
		if (channels.isEmpty() || customerIds.length == 0) {
			return new long[0];
		}
		return this.jdbc.sql("""
				with candidate as (
					select c.id, k.channel, case k.channel
							when 'EMAIL' then lower(btrim(c.email))
							when 'SMS' then c.phone_e164
							else btrim(c.line_user_id) end as address
					from unnest(cast(:ids as bigint[])) as i (id)
					join domain.v_customer c on c.id = i.id
					join domain.v_consent_current k on k.customer_id = c.id and k.status = 'OPT_IN'
						and k.channel = any(cast(:channels as text[]))
					where not c.blacklisted
				), suppressed as (
					select s.channel, case s.channel
							when 'EMAIL' then lower(btrim(s.address))
							when 'SMS' then s.address
							else btrim(s.address) end as address
					from domain.v_suppression s where s.channel = any(cast(:channels as text[]))
				)
				select distinct c.id from candidate c
				where c.address is not null and c.address <> ''
					and not exists (select 1 from suppressed s where s.channel = c.channel and s.address = c.address)
				order by c.id
				""")
			.param("channels", channels.stream().map(Channel::name).distinct().toArray(String[]::new))
			.param("ids", customerIds)
			.query(Long.class)
			.list()
			.stream()
			.mapToLong(Long::longValue)
			.toArray();
	}

}
