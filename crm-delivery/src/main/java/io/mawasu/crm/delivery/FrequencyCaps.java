package io.mawasu.crm.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The frequency cap at send time, for a claimed batch. Run in the claiming transaction
 * after {@link #lockCustomers(List)}: the customer locks serialise the checks of
 * instances that claimed messages of the same customer, and a batch's claims are not
 * visible to others before it commits, so of two instances the one checking second always
 * counts the other's messages and the two never both pass the cap.
 */
@Component
class FrequencyCaps {

	// Namespace of the advisory locks (two-key form), so they do not collide with others.
	private static final int LOCK_SPACE = 0x44454C56;

	private final JdbcClient jdbc;

	FrequencyCaps(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Takes transaction-scoped locks on the customers, in order to avoid deadlocks. */
	void lockCustomers(List<Long> customerIds) {
		if (customerIds.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				select count(pg_advisory_xact_lock(:space, cast(c % 2147483647 as integer)))
				from (select distinct c from unnest(cast(:ids as bigint[])) as c order by c) ordered
				""").param("space", LOCK_SPACE).param("ids", Outbox.longs(customerIds)).query(Long.class).single();
	}

	/**
	 * Of the SENDING messages {@code messageIds} of one batch, those over their cap: the
	 * customer already has {@code cap_max} messages SENT within {@code cap_days}, or
	 * being sent (claimed within the window by another batch, or earlier in this one),
	 * across channels or on the message's own channel when the cap is per channel. Two
	 * passes, so that a message over its cap without this batch does not count against
	 * the batch's later ones.
	 */
	List<Long> overCap(List<Long> messageIds) {
		List<Long> over = new ArrayList<>(overCap(messageIds, false));
		List<Long> rest = new ArrayList<>(messageIds);
		rest.removeAll(Set.copyOf(over));
		over.addAll(overCap(rest, true));
		return over;
	}

	private List<Long> overCap(List<Long> messageIds, boolean withBatch) {
		if (messageIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				select m.id
				from delivery.message m
				where m.id = any(:ids) and m.state = 'SENDING' and m.cap_max is not null
					and (select count(*) from delivery.message o
						where o.customer_id = m.customer_id and o.id <> m.id
							and (not m.cap_per_channel or o.channel = m.channel)
							and ((o.state = 'SENT' and o.sent_at > now() - make_interval(days => m.cap_days))
								or (o.state = 'SENDING' and o.claimed_at > now() - make_interval(days => m.cap_days)
									and (o.claimed_by is distinct from m.claimed_by or o.claimed_at <> m.claimed_at
										or (:withBatch and o.id < m.id and o.id = any(:ids)))))) >= m.cap_max
				""").param("ids", Outbox.longs(messageIds)).param("withBatch", withBatch).query(Long.class).list();
	}

}
