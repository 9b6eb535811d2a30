package io.mawasu.crm.delivery;

import java.util.concurrent.TimeUnit;

/**
 * A token bucket of {@code perSecond} messages per second holding at most one second's
 * worth: {@link #acquire(int)} sleeps until the permits are there. Shared by the threads
 * of one instance; each instance has its own.
 */
final class RateLimiter {

	private final double perSecond;

	private double tokens;

	private long refilledAt;

	RateLimiter(int perSecond) {
		this.perSecond = perSecond;
		this.tokens = perSecond;
		this.refilledAt = System.nanoTime();
	}

	int perSecond() {
		return (int) this.perSecond;
	}

	void acquire(int permits) throws InterruptedException {
		long waitNanos;
		synchronized (this) {
			long now = System.nanoTime();
			this.tokens = Math.min(this.perSecond, this.tokens + (now - this.refilledAt) / 1e9 * this.perSecond);
			this.refilledAt = now;
			this.tokens -= permits;
			waitNanos = (this.tokens >= 0) ? 0 : (long) (-this.tokens / this.perSecond * 1e9);
		}
		if (waitNanos > 0) {
			TimeUnit.NANOSECONDS.sleep(waitNanos);
		}
	}

}
