package io.mawasu.crm.segmentation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.mawasu.crm.domain.customer.ShopProperties;
import io.mawasu.crm.segmentation.clv.ClvModelling;
import io.mawasu.crm.segmentation.clv.ClvQueries;
import io.mawasu.crm.segmentation.clv.CustomerSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Customer lifetime value: fits BG/NBD (purchases and dropout) and Gamma-Gamma (spend) by
 * maximum likelihood and stores every modelled customer's P(alive), expected purchases
 * over the horizon, expected spend and clv = expected purchases × expected spend
 * (undiscounted).
 * <p>
 * Model inputs (Fader, Hardie &amp; Lee 2005; the {@code lifetimes} library): purchases
 * are orders with amount ≥ 0 up to and including calibrationEnd in the shop's zone; one
 * calendar day's orders are one purchase with their summed spend. For each customer whose
 * first purchase is on or before calibrationEnd: x = purchase days − 1, recency = days
 * from the first to the last purchase day, T = days from the first purchase day to
 * calibrationEnd, both divided by 7 for WEEK; spend = the mean spend of the repeat days.
 * One fit runs at a time across every instance (a PostgreSQL advisory lock), bounded by
 * {@code crm.segmentation.clv-timeout}.
 */
@Service
public class ClvFits {

	private static final Logger logger = LoggerFactory.getLogger(ClvFits.class);

	/** Predictions are kept for this many newest fits. */
	static final int KEEP_PREDICTIONS = 3;

	private final ClvQueries queries;

	private final TransactionTemplate transactions;

	private final ShopProperties shop;

	private final Clock clock;

	private final long workMemKilobytes;

	ClvFits(ClvQueries queries, PlatformTransactionManager transactionManager, ShopProperties shop,
			SegmentationProperties properties, ObjectProvider<Clock> clock) {
		this.queries = queries;
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setTimeout((int) Math.max(1, properties.clvTimeout().toSeconds()));
		this.shop = shop;
		this.clock = clock.getIfUnique(Clock::systemUTC);
		// within PostgreSQL's range of work_mem (64kB to 2³¹ − 1 kB)
		this.workMemKilobytes = Math.max(64, Math.min(Integer.MAX_VALUE, properties.clvWorkMem().toKilobytes()));
	}

	/**
	 * Fits both models and stores the fit with its predictions.
	 * @throws InvalidClvRequest when a field is out of range or no customer has a
	 * purchase by calibrationEnd
	 * @throws ClvFitAlreadyRunning when another fit holds the lock
	 */
	public ClvFit fit(ClvFitRequest request) {
		ZoneId zone = this.shop.timeZone();
		LocalDate today = LocalDate.now(this.clock.withZone(zone));
		request.validate(today);
		LocalDate calibrationEnd = (request.calibrationEnd() != null) ? request.calibrationEnd() : today;
		ClvTimeUnit unit = request.timeUnitOrDefault();
		int horizon = request.horizonOrDefault();
		Instant until = calibrationEnd.plusDays(1).atStartOfDay(zone).toInstant();
		long started = System.nanoTime();
		Long id = this.transactions.execute((status) -> {
			if (!this.queries.tryLock()) {
				throw new ClvFitAlreadyRunning();
			}
			long phase = System.nanoTime();
			CustomerSummary summary = this.queries.summary(calibrationEnd, zone, until, this.workMemKilobytes);
			long summarised = System.nanoTime();
			if (summary.size() == 0) {
				throw new InvalidClvRequest("calibrationEnd " + calibrationEnd
						+ ": no customer has a purchase (an order with an amount of 0 or more) on or before that day, "
						+ "so there is nothing to fit; import orders or choose a later calibrationEnd.");
			}
			ClvModelling.Result result = ClvModelling.fit(summary, unit.days(), horizon);
			long modelled = System.nanoTime();
			long fitId = this.queries.insertFit(calibrationEnd, unit, horizon, summary.size(), result,
					this.clock.instant());
			this.queries.copyPredictions(fitId, summary, unit.days(), result);
			this.queries.prunePredictions(KEEP_PREDICTIONS);
			logger.info("CLV fit {}: summary of {} customers {} ms, models {} ms, predictions written {} ms", fitId,
					summary.size(), (summarised - phase) / 1_000_000, (modelled - summarised) / 1_000_000,
					(System.nanoTime() - modelled) / 1_000_000);
			return fitId;
		});
		logger.info("CLV fit {} (calibration end {}) done in {} ms", id, calibrationEnd,
				(System.nanoTime() - started) / 1_000_000);
		return this.queries.find(id).orElseThrow();
	}

	/** The newest fit. */
	public Optional<ClvFit> latest() {
		return this.queries.latest();
	}

	/** A fit by id. */
	public Optional<ClvFit> find(long id) {
		return this.queries.find(id);
	}

	/** Whether a fit's predictions are still stored (the newest three fits keep them). */
	public boolean hasPredictions(long fitId) {
		return this.queries.hasPredictions(fitId);
	}

	/** A customer's values in the newest fit; empty when the customer was not in it. */
	public Optional<ClvPrediction> predictionOf(String customerExternalId) {
		return this.queries.latestOf(customerExternalId);
	}

	/** Streams a fit's predictions, ordered by external id, to {@code sink}. */
	public void export(long fitId, Consumer<ClvPrediction> sink) {
		this.transactions.executeWithoutResult((status) -> this.queries.export(fitId, sink));
	}

	/** The spread of a fit's customers, its holdout check and its top customers. */
	public ClvDistribution distribution(ClvFit fit, int top) {
		double max = this.queries.maxClv(fit.id());
		int bins = 20;
		double width = (max > 0) ? max / bins : 1;
		LocalDate today = LocalDate.now(this.clock.withZone(this.shop.timeZone()));
		int weeksPassed = (int) Math.min(fit.holdoutPredicted().size(),
				Math.max(0, (today.toEpochDay() - fit.calibrationEnd().toEpochDay()) / 7));
		List<Long> actual = (weeksPassed > 0)
				? this.queries.holdoutActual(fit.id(), fit.calibrationEnd(), this.shop.timeZone(), weeksPassed)
				: List.of();
		return new ClvDistribution(this.queries.pAliveHistogram(fit.id()), width,
				this.queries.clvHistogram(fit.id(), width, bins), fit.holdoutPredicted(), actual,
				this.queries.top(fit.id(), Math.max(1, Math.min(top, 1_000))));
	}

}
