package io.mawasu.crm.web.customers;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Seeds customers straight into crm-domain's tables for web tests, under external ids
 * that no other test uses.
 */
public final class CustomerFixtures {

	private final JdbcClient jdbc;

	public CustomerFixtures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A prefix for external ids that is unique to the calling test. */
	public static String uniquePrefix(String label) {
		return label + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
	}

	public long customer(String externalId, @Nullable String name, @Nullable String email, @Nullable String phone,
			@Nullable String prefecture, @Nullable String gender, String... tags) {
		return this.jdbc.sql("""
				insert into domain.customer (external_id, name, email, phone, prefecture, gender, tags)
				values (:externalId, :name, :email, :phone, :prefecture, :gender, :tags)
				returning id
				""")
			.param("externalId", externalId)
			.param("name", name)
			.param("email", email)
			.param("phone", phone)
			.param("prefecture", prefecture)
			.param("gender", gender)
			.param("tags", tags)
			.query(Long.class)
			.single();
	}

	public void consent(long customerId, String channel, String status, String changedAt) {
		this.jdbc.sql("""
				insert into domain.consent (customer_id, channel, status, changed_at, source)
				values (:id, :channel, :status, cast(:changedAt as timestamptz), 'test')
				""")
			.param("id", customerId)
			.param("channel", channel)
			.param("status", status)
			.param("changedAt", changedAt)
			.update();
		this.jdbc.sql("""
				insert into domain.consent_history (customer_id, channel, status, changed_at, source, actor)
				values (:id, :channel, :status, cast(:changedAt as timestamptz), 'test', 'tester')
				""")
			.param("id", customerId)
			.param("channel", channel)
			.param("status", status)
			.param("changedAt", changedAt)
			.update();
	}

	public void order(long customerId, String externalId, String orderedAt, String amount) {
		this.jdbc.sql("""
				insert into domain.orders (external_id, customer_id, ordered_at, amount)
				values (:externalId, :id, cast(:orderedAt as timestamptz), cast(:amount as numeric))
				""")
			.param("externalId", externalId)
			.param("id", customerId)
			.param("orderedAt", orderedAt)
			.param("amount", amount)
			.update();
	}

	/** Recomputes the purchase summary of one customer from its orders. */
	public void summarise(long customerId) {
		this.jdbc.sql("""
				insert into domain.customer_summary (customer_id, first_ordered_at, last_ordered_at, order_count,
					total_spent)
				select customer_id, min(ordered_at), max(ordered_at), count(*), sum(amount)
				from domain.orders where customer_id = :id group by customer_id
				on conflict (customer_id) do update set first_ordered_at = excluded.first_ordered_at,
					last_ordered_at = excluded.last_ordered_at, order_count = excluded.order_count,
					total_spent = excluded.total_spent
				""").param("id", customerId).update();
	}

}
