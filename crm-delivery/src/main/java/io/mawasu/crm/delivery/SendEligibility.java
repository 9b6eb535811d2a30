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
 * case-insensitively, phone by its national number ({@code +81 90…}, the E.164 form
 * senders record, equals {@code 090…}).
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
		this.jdbc
			.sql("""
					select i.id,
						case
							when k.status is distinct from 'OPT_IN' then 'NO_CONSENT'
							when c.blacklisted then 'BLACKLISTED'
							when a.address is null or a.address = '' then 'NO_ADDRESS'
							when exists (select 1 from domain.v_suppression s where s.channel = :channel and case :channel
									when 'EMAIL' then lower(btrim(s.address))
									when 'SMS' then regexp_replace(regexp_replace(s.address, '[^0-9]', '', 'g'), '^(81|0)', '')
									else btrim(s.address) end = a.address) then 'SUPPRESSED'
						end as reason
					from unnest(cast(array[:ids] as bigint[])) as i (id)
					left join domain.v_customer c on c.id = i.id
					left join domain.v_consent_current k on k.customer_id = c.id and k.channel = :channel
					left join lateral (select case :channel
							when 'EMAIL' then lower(btrim(c.email))
							when 'SMS' then regexp_replace(regexp_replace(c.phone, '[^0-9]', '', 'g'), '^(81|0)', '')
							else btrim(c.line_user_id) end as address) a on true
					""")
			.param("channel", channel.name())
			.param("ids", List.copyOf(customerIds))
			.query((rs, n) -> {
				String reason = rs.getString("reason");
				if (reason != null) {
					blocked.put(rs.getLong("id"), SkipReason.valueOf(reason));
				}
				return reason;
			})
			.list();
		return blocked;
	}

	/**
	 * Of {@code customerIds}, those who may be messaged on at least one of
	 * {@code channels} (the same checks as {@link #blocked}), in one statement.
	 */
	@Transactional(readOnly = true)
	public long[] reachable(Collection<Channel> channels, long[] customerIds) {
		throw new UnsupportedOperationException("contract only");
	}

}
