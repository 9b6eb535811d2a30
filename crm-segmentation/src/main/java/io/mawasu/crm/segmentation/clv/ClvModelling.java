package io.mawasu.crm.segmentation.clv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits both models to a {@link CustomerSummary} and predicts every customer. P(alive) and
 * the expected purchases depend only on (x, tₓ, T), so they are computed once per
 * distinct history; customers find theirs by binary search in the sorted histories (no
 * per-customer map).
 */
public final class ClvModelling {

	private static final Logger logger = LoggerFactory.getLogger(ClvModelling.class);

	/** The holdout curve covers at most this many weeks after calibrationEnd. */
	public static final int HOLDOUT_WEEKS = 52;

	private static final int HOLDOUT_SAMPLE = 20_000;

	private ClvModelling() {
	}

	/**
	 * The fitted parameters and one prediction per distinct history; Gamma-Gamma
	 * parameters are NaN when fewer than two repeaters had a positive spend, and expected
	 * spend is then the customer's own mean (0 for x = 0).
	 *
	 * @param boundary the parameters of either model whose maximum lies at 0 or ∞ ("a →
	 * 0"), empty for an interior maximum
	 */
	public record Result(double r, double alpha, double a, double b, double bgNbdLogLikelihood, double p, double q,
			double gamma, double gammaGammaLogLikelihood, int repeaters, List<String> boundary, long[] histories,
			double[] pAlive, double[] expectedPurchases, double[] holdoutPredicted) {

		/** The prediction of a customer's history (its index in {@link #histories()}). */
		public int historyOf(int x, int recencyDays, int ageDays) {
			return Arrays.binarySearch(this.histories, CustomerHistories.key(x, recencyDays, ageDays));
		}

		/**
		 * E[M | x, m̄] of the Gamma-Gamma model; without it the customer's own mean (0
		 * for x = 0).
		 */
		public double expectedSpend(int x, double meanSpend) {
			if (Double.isNaN(this.p)) {
				return (x > 0) ? meanSpend : 0;
			}
			return new GammaGamma(this.p, this.q, this.gamma).expectedSpend(x, (x > 0) ? meanSpend : 0);
		}

	}

	public static Result fit(CustomerSummary summary, int unitDays, int horizon) {
		int n = summary.size;
		long started = System.nanoTime();
		long[] keys = CustomerHistories.distinctKeys(summary.x, summary.recencyDays, summary.ageDays, n);
		double[] weight = new double[keys.length];
		int repeaters = 0;
		int positive = 0;
		for (int i = 0; i < n; i++) {
			weight[Arrays.binarySearch(keys,
					CustomerHistories.key(summary.x[i], summary.recencyDays[i], summary.ageDays[i]))]++;
			if (summary.x[i] > 0) {
				repeaters++;
				if (summary.spend[i] > 0) {
					positive++;
				}
			}
		}
		CustomerHistories histories = CustomerHistories.of(keys, weight, unitDays);
		ModelFit.Fitted<BgNbd> bg = ModelFit.bgNbd(histories);
		BgNbd model = bg.model();
		long bgDone = System.nanoTime();

		GammaGamma spendModel = null;
		ModelFit.Fitted<GammaGamma> gg = null;
		if (positive >= 2) {
			int[] order = orderByX(summary, positive);
			int[] rx = new int[positive];
			double[] rm = new double[positive];
			for (int j = 0; j < positive; j++) {
				rx[j] = summary.x[order[j]];
				rm[j] = summary.spend[order[j]];
			}
			gg = ModelFit.gammaGamma(rx, rm, positive);
			spendModel = gg.model();
		}
		long ggDone = System.nanoTime();

		// one prediction per distinct history, in parallel over the distinct histories
		int d = keys.length;
		double[] alive = new double[d];
		double[] expected = new double[d];
		int weeks = HOLDOUT_WEEKS;
		double[][] cumulative = new double[d][];
		// The holdout curve is a chart of totals: beyond HOLDOUT_SAMPLE distinct
		// histories
		// it is estimated from every stride-th one, scaled to all customers (error well
		// below a line's width), instead of 52 more series per history.
		int stride = Math.max(1, (d + HOLDOUT_SAMPLE - 1) / HOLDOUT_SAMPLE);
		IntStream.range(0, d).parallel().forEach((k) -> {
			int x = CustomerHistories.xOf(keys[k]);
			double tx = (double) CustomerHistories.recencyOf(keys[k]) / unitDays;
			double t = (double) CustomerHistories.ageOf(keys[k]) / unitDays;
			alive[k] = model.pAlive(x, tx, t);
			expected[k] = model.expectedPurchases(x, tx, t, horizon);
			if (k % stride == 0) {
				double[] curve = new double[weeks];
				for (int w = 0; w < weeks; w++) {
					curve[w] = model.expectedPurchases(x, tx, t, (w + 1) * 7.0 / unitDays);
				}
				cumulative[k] = curve;
			}
		});
		double[] holdout = new double[weeks];
		double sampled = 0;
		for (int k = 0; k < d; k += stride) {
			sampled += weight[k];
			for (int w = 0; w < weeks; w++) {
				holdout[w] += weight[k] * cumulative[k][w];
			}
		}
		for (int w = 0; w < weeks; w++) {
			holdout[w] *= n / sampled;
		}
		List<String> boundary = new ArrayList<>(bg.boundary());
		if (gg != null) {
			boundary.addAll(gg.boundary());
		}
		if (!boundary.isEmpty()) {
			logger.info("CLV fit: the likelihood is highest at the boundary {} (e.g. a → 0: no dropout in the data)",
					boundary);
		}
		logger.info(
				"CLV fit: {} customers in {} distinct histories; BG/NBD {} evaluations {} ms, Gamma-Gamma {} ms, "
						+ "predictions {} ms",
				n, d, bg.evaluations(), (bgDone - started) / 1_000_000, (ggDone - bgDone) / 1_000_000,
				(System.nanoTime() - ggDone) / 1_000_000);
		return new Result(model.r(), model.alpha(), model.a(), model.b(), bg.logLikelihood(),
				(spendModel != null) ? spendModel.p() : Double.NaN, (spendModel != null) ? spendModel.q() : Double.NaN,
				(spendModel != null) ? spendModel.gamma() : Double.NaN, (gg != null) ? gg.logLikelihood() : Double.NaN,
				repeaters, List.copyOf(boundary), keys, alive, expected, holdout);
	}

	// The repeaters with a positive spend, sorted by x by a counting sort (x is small).
	private static int[] orderByX(CustomerSummary summary, int count) {
		int maxX = 0;
		for (int i = 0; i < summary.size; i++) {
			maxX = Math.max(maxX, summary.x[i]);
		}
		int[] start = new int[maxX + 2];
		for (int i = 0; i < summary.size; i++) {
			if (summary.x[i] > 0 && summary.spend[i] > 0) {
				start[summary.x[i] + 1]++;
			}
		}
		for (int v = 1; v < start.length; v++) {
			start[v] += start[v - 1];
		}
		int[] order = new int[count];
		for (int i = 0; i < summary.size; i++) {
			if (summary.x[i] > 0 && summary.spend[i] > 0) {
				order[start[summary.x[i]]++] = i;
			}
		}
		return order;
	}

}
