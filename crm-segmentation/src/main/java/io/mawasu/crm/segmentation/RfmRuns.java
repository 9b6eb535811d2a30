package io.mawasu.crm.segmentation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.mawasu.crm.domain.customer.ShopProperties;
import io.mawasu.crm.segmentation.rfm.RfmQueries;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * RFM runs: start one (synchronously or in the background), read the latest, a customer's
 * score, a run's distribution, its scores as a stream, and the movement between two runs.
 * <p>
 * A run scores every customer with at least one order with a positive amount up to the
 * end of the as-of date in the shop's zone (optionally only the last {@code lookbackDays}
 * days): recencyDays = as-of date minus the date of the last positive order, frequency =
 * positive orders, monetary = the sum of all amounts (returns reduce it). Only one run is
 * RUNNING at a time, across every app instance. Runs and their scores are kept; grid
 * edits apply to later runs.
 */
@Service
public class RfmRuns {

	private static final Logger logger = LoggerFactory.getLogger(RfmRuns.class);

	private final RfmQueries queries;

	private final TransactionTemplate transactions;

	private final TaskExecutor executor;

	private final ShopProperties shop;

	private final SegmentationProperties properties;

	private final Clock clock;

	RfmRuns(RfmQueries queries, PlatformTransactionManager transactionManager,
			@Qualifier("applicationTaskExecutor") TaskExecutor executor, ShopProperties shop,
			SegmentationProperties properties, Clock clock) {
		this.clock = clock;
		this.queries = queries;
		this.transactions = new TransactionTemplate(transactionManager);
		this.executor = executor;
		this.shop = shop;
		this.properties = properties;
	}

	/**
	 * Scores every buyer now and returns the finished run.
	 * @throws InvalidRfmRequest when the request is not valid (the message names the
	 * field)
	 * @throws RfmRunAlreadyRunning when another run is in progress
	 */
	public RfmRun start(RfmRunRequest request) {
		Claimed claimed = claim(request);
		execute(claimed);
		return this.queries.find(claimed.id()).orElseThrow();
	}

	/**
	 * Claims the run now and scores in the background; returns the RUNNING run.
	 * @throws InvalidRfmRequest when the request is not valid (the message names the
	 * field)
	 * @throws RfmRunAlreadyRunning when another run is in progress
	 */
	public RfmRun startInBackground(RfmRunRequest request) {
		Claimed claimed = claim(request);
		RfmRun running = this.queries.find(claimed.id()).orElseThrow();
		this.executor.execute(() -> {
			try {
				execute(claimed);
			}
			catch (RuntimeException ex) {
				logger.warn("RFM run {} failed", claimed.id(), ex);
			}
		});
		return running;
	}

	private record Claimed(long id, LocalDate asOf, RfmRunRequest request) {
	}

	private Claimed claim(RfmRunRequest request) {
		request.validate();
		ZoneId zone = this.shop.timeZone();
		LocalDate asOf = (request.asOf() != null) ? request.asOf() : LocalDate.now(this.clock.withZone(zone));
		RfmMethod method = request.methodOrDefault();
		RfmCuts cuts = request.scoringCuts();
		try {
			return new Claimed(this.queries.claim(asOf, method, request.lookbackDays(), cuts), asOf, request);
		}
		catch (DuplicateKeyException ex) {
			if (this.queries.failAbandoned(this.properties.rfmStaleAfter())) {
				return claim(request);
			}
			throw new RfmRunAlreadyRunning(this.queries.runningId().orElse(0L));
		}
	}

	private void execute(Claimed claimed) {
		RfmRunRequest request = claimed.request();
		ZoneId zone = this.shop.timeZone();
		Instant until = claimed.asOf().plusDays(1).atStartOfDay(zone).toInstant();
		Instant since = (request.lookbackDays() != null)
				? claimed.asOf().plusDays(1L - request.lookbackDays()).atStartOfDay(zone).toInstant() : null;
		long started = System.nanoTime();
		try {
			this.transactions.executeWithoutResult((status) -> {
				int customers = this.queries.score(claimed.id(), claimed.asOf(), zone, until, since,
						request.methodOrDefault(), request.scoringCuts());
				this.queries.finish(claimed.id(), customers);
			});
			logger.info("RFM run {} as of {} done in {} ms", claimed.id(), claimed.asOf(),
					(System.nanoTime() - started) / 1_000_000);
		}
		catch (RuntimeException ex) {
			this.queries.fail(claimed.id(), String.valueOf(ex.getMessage()));
			throw ex;
		}
	}

	/** The newest finished run with its segment counts. */
	public Optional<RfmRun> latest() {
		return this.queries.latestDone();
	}

	/** A run by id, with its segment counts. */
	public Optional<RfmRun> find(long runId) {
		return this.queries.find(runId);
	}

	/** The run in progress, if any. */
	public Optional<RfmRun> running() {
		return this.queries.runningId().flatMap(this.queries::find);
	}

	/** The newest runs of any status, newest first (segment counts left empty). */
	public List<RfmRun> recent(int limit) {
		return this.queries.recent(Math.max(1, Math.min(limit, 1_000)));
	}

	/**
	 * The RFM segment codes of customers (internal ids) in the newest finished run, in
	 * one query; customers not scored are absent.
	 */
	public Map<Long, String> latestSegmentCodes(Collection<Long> customerIds) {
		if (customerIds.isEmpty()) {
			return Map.of();
		}
		return this.queries.latestSegmentCodes(customerIds.stream().mapToLong(Long::longValue).toArray());
	}

	/**
	 * A customer's score in the newest finished run; empty when the customer is unknown
	 * or was not scored (no positive order up to that run's as-of date).
	 */
	public Optional<RfmScore> scoreOf(String customerExternalId) {
		return this.queries.scoreOf(customerExternalId);
	}

	/**
	 * Streams every scored customer of a run, ordered by external id, to {@code sink}
	 * (the rows are fetched in batches while the sink consumes them).
	 */
	public void exportScores(long runId, Consumer<RfmScoreLine> sink) {
		this.transactions.executeWithoutResult((status) -> this.queries.exportScores(runId, sink));
	}

	/** How a finished run's customers spread over R &times; F and over the segments. */
	public @Nullable RfmDistribution distribution(RfmRun run) {
		if (run.status() != RfmRunStatus.DONE) {
			return null;
		}
		return this.queries.distribution(run, this.queries.segments());
	}

	/**
	 * Customers per (segment in run {@code from}, segment in run {@code to}), with
	 * {@code null} for "not scored" in that run.
	 */
	public RfmMovement movement(long from, long to) {
		return this.queries.movement(from, to);
	}

}
