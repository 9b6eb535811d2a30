package io.mawasu.crm.delivery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTests {

	@Test
	void aSecondsWorthGoesAtOnceThenTheBucketRefillsAtTheRate() throws Exception {
		RateLimiter limiter = new RateLimiter(100);
		long start = System.nanoTime();
		limiter.acquire(100);
		assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(100);
		limiter.acquire(50);
		long elapsed = (System.nanoTime() - start) / 1_000_000;
		assertThat(elapsed).isBetween(400L, 1500L);
	}

}
