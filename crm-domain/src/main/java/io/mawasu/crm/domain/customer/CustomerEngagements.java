package io.mawasu.crm.domain.customer;

import java.sql.Timestamp;
import java.time.Instant;

import io.mawasu.crm.domain.consent.Channel;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each customer's latest open and click per channel ({@code domain.customer_engagement}),
 * fed by delivery's tracking so segment rules such as {@code openedWithinDays} read one
 * row per customer and never depend on delivery. A late or repeated event never moves a
 * time backwards.
 */
@Service
public class CustomerEngagements {

	private final JdbcClient jdbc;

	CustomerEngagements(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records that the customer opened a message on the channel at {@code at}. */
	@Transactional
	public void recordOpen(long customerId, Channel channel, Instant at) {
		record(customerId, channel, at, false);
	}

	/**
	 * Records that the customer clicked a link of a message on the channel at {@code at};
	 * a click is also an open (mail clients often block the open pixel).
	 */
	@Transactional
	public void recordClick(long customerId, Channel channel, Instant at) {
		record(customerId, channel, at, true);
	}

	private void record(long customerId, Channel channel, Instant at, boolean click) {
		this.jdbc.sql("""
				insert into domain.customer_engagement as e (customer_id, channel, last_opened_at, last_clicked_at)
				select id, :channel, cast(:at as timestamptz), case when :click then cast(:at as timestamptz) end
				from domain.customer where id = :customer
				on conflict (customer_id, channel) do update
				set last_opened_at = greatest(e.last_opened_at, excluded.last_opened_at),
					last_clicked_at = greatest(e.last_clicked_at, excluded.last_clicked_at)
				""")
			.param("customer", customerId)
			.param("channel", channel.name())
			.param("at", Timestamp.from(at))
			.param("click", click)
			.update();
	}

}
