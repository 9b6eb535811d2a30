package io.mawasu.crm.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.mawasu.crm.DeliveryTestApplication;
import io.mawasu.crm.domain.consent.Channel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared token bucket on PostgreSQL. */
@SpringBootTest(classes = DeliveryTestApplication.class)
class RateLimiterTests {

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void emptyBuckets() {
		this.jdbc.sql("truncate delivery.rate_limit_bucket").update();
	}

	@Test
	void aSecondsWorthGoesAtOnceThenTheBucketRefillsAtTheRate() throws Exception {
		RateLimiter limiter = new RateLimiter(this.jdbc, Channel.SMS, 100);
		long start = System.nanoTime();
		limiter.acquire(100);
		assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(300);
		limiter.acquire(50);
		long elapsed = (System.nanoTime() - start) / 1_000_000;
		assertThat(elapsed).isBetween(400L, 1500L);
	}

	/**
	 * Two instances (two limiters on one database) with 20/s each take 60 permits in all:
	 * the first 20 come from the full bucket, the other 40 need 2 s at the shared rate.
	 * Per-instance buckets would let them through in 0.5 s.
	 */
	@Test
	void twoInstancesShareOneBucketPerChannel() throws Exception {
		List<RateLimiter> instances = List.of(new RateLimiter(this.jdbc, Channel.EMAIL, 20),
				new RateLimiter(this.jdbc, Channel.EMAIL, 20));
		ExecutorService pool = Executors.newFixedThreadPool(2);
		long start = System.nanoTime();
		try {
			List<Future<Integer>> runs = new ArrayList<>();
			for (RateLimiter limiter : instances) {
				Callable<Integer> take = () -> {
					for (int i = 0; i < 30; i++) {
						limiter.acquire(1);
					}
					return 30;
				};
				runs.add(pool.submit(take));
			}
			int taken = 0;
			for (Future<Integer> run : runs) {
				taken += run.get();
			}
			assertThat(taken).isEqualTo(60);
		}
		finally {
			pool.shutdownNow();
		}
		long elapsed = (System.nanoTime() - start) / 1_000_000;
		assertThat(elapsed).as("40 permits beyond the bucket at 20/s shared").isBetween(1900L, 4000L);
		assertThat(this.jdbc.sql("select count(*) from delivery.rate_limit_bucket").query(Long.class).single())
			.isEqualTo(1);
		RateLimiter sms = new RateLimiter(this.jdbc, Channel.SMS, 20);
		long smsStart = System.nanoTime();
		sms.acquire(20);
		assertThat((System.nanoTime() - smsStart) / 1_000_000).as("another channel has its own bucket").isLessThan(300);
	}

}
