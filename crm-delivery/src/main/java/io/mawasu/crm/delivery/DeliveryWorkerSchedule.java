package io.mawasu.crm.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls the outbox every {@code crm.delivery.worker.poll-interval}: returns the
 * unattempted messages of expired claimers to the queue, works batches as long as they
 * come back full, and reports stuck messages. Off with
 * {@code crm.delivery.worker.enabled=false} (e.g. on instances that only serve pages).
 */
@Component
@ConditionalOnProperty(prefix = "crm.delivery.worker", name = "enabled", havingValue = "true", matchIfMissing = true)
class DeliveryWorkerSchedule {

	private static final Logger log = LoggerFactory.getLogger(DeliveryWorkerSchedule.class);

	private final DeliveryWorker worker;

	DeliveryWorkerSchedule(DeliveryWorker worker) {
		this.worker = worker;
	}

	@Scheduled(fixedDelayString = "${crm.delivery.worker.poll-interval:1s}",
			initialDelayString = "${crm.delivery.worker.poll-interval:1s}")
	void poll() {
		try {
			this.worker.releaseExpiredClaims();
			while (this.worker.runOnce() >= this.worker.batchSize()) {
				// a full batch: more may be due
			}
			this.worker.reportStuck();
		}
		catch (RuntimeException ex) {
			log.error("Delivery worker run failed; retrying at the next poll", ex);
		}
	}

}
