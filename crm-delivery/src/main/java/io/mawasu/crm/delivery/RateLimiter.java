package io.mawasu.crm.delivery;

import java.util.concurrent.TimeUnit;

import io.mawasu.crm.domain.consent.Channel;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A channel's token bucket of {@code perSecond} messages per second holding at most one
 * second's worth, shared by every instance on the database: the bucket is one row of
 * {@code delivery.rate_limit_bucket}, refilled by the time elapsed and taken from in one
 * UPDATE, so N instances together send no more than the provider's limit.
 * {@link #acquire(int)} reserves the permits (the balance may go below zero) and sleeps
 * until the reservation is covered, so concurrent callers queue up in the order the row
 * lock serves them. The bucket runs on the database's clock, the one clock all instances
 * share.
 */
final class RateLimiter {

	private final JdbcClient jdbc;

	private final Channel channel;

	private final int perSecond;

	RateLimiter(JdbcClient jdbc, Channel channel, int perSecond) {
		if (perSecond < 1) {
			throw new IllegalArgumentException("A rate limit needs at least 1 message per second");
		}
		this.jdbc = jdbc;
		this.channel = channel;
		this.perSecond = perSecond;
	}

	int perSecond() {
		return this.perSecond;
	}

	/**
	 * Takes {@code permits} (at most {@link #perSecond()}) from the shared bucket,
	 * waiting as long as the bucket is short.
	 */
	void acquire(int permits) throws InterruptedException {
		double balance = this.jdbc.sql("""
				with t as (select clock_timestamp() as at)
				insert into delivery.rate_limit_bucket as b (channel, tokens, refilled_at)
				select :channel, cast(:capacity as double precision) - :permits, t.at from t
				on conflict (channel) do update set
					tokens = least(cast(:capacity as double precision),
						b.tokens + greatest(0, extract(epoch from excluded.refilled_at - b.refilled_at)) * :capacity)
						- :permits,
					refilled_at = greatest(b.refilled_at, excluded.refilled_at)
				returning tokens
				""")
			.param("channel", this.channel.name())
			.param("capacity", this.perSecond)
			.param("permits", permits)
			.query(Double.class)
			.single();
		if (balance < 0) {
			TimeUnit.NANOSECONDS.sleep((long) (-balance / this.perSecond * 1e9));
		}
	}

}
