package io.mawasu.crm.segmentation.clv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Fits both models to a {@link CustomerSummary} and predicts every customer. P(alive) and
 * the expected purchases depend only on (x, tₓ, T), so they are computed once per
 * distinct history.
 */
public final class ClvModelling {

	/** The holdout curve covers at most this many weeks after calibrationEnd. */
	public static final int HOLDOUT_WEEKS = 52;

	private static final int HOLDOUT_SAMPLE = 20_000;

	private ClvModelling() {
	}

	/**
	 * The fitted parameters and one prediction per customer (arrays parallel to the
	 * summary's); Gamma-Gamma parameters are NaN when fewer than two repeaters had a
	 * positive spend, and expected spend is then the customer's own mean (0 for x = 0).
	 */
	public record Result(double r, double alpha, double a, double b, double bgNbdLogLikelihood, double p, double q,
			double gamma, double gammaGammaLogLikelihood, int repeaters, double[] pAlive, double[] expectedPurchases,
			double[] expectedSpend, double[] holdoutPredicted) {
	}

	public static Result fit(CustomerSummary summary, int unitDays, int horizon) {
		int n = summary.size;
		CustomerHistories histories = CustomerHistories.group(summary.x, summary.recencyDays, summary.ageDays, n,
				unitDays);
		ModelFit.Fitted<BgNbd> bg = ModelFit.bgNbd(histories);
		BgNbd model = bg.model();

		List<Integer> repeaterIndex = new ArrayList<>();
		int repeaters = 0;
		for (int i = 0; i < n; i++) {
			if (summary.x[i] > 0) {
				repeaters++;
				if (summary.spend[i] > 0) {
					repeaterIndex.add(i);
				}
			}
		}
		repeaterIndex.sort((i, j) -> Integer.compare(summary.x[i], summary.x[j]));
		GammaGamma spendModel = null;
		double ggLogLikelihood = Double.NaN;
		if (repeaterIndex.size() >= 2) {
			int[] rx = repeaterIndex.stream().mapToInt((i) -> summary.x[i]).toArray();
			double[] rm = repeaterIndex.stream().mapToDouble((i) -> summary.spend[i]).toArray();
			ModelFit.Fitted<GammaGamma> gg = ModelFit.gammaGamma(rx, rm, rx.length);
			spendModel = gg.model();
			ggLogLikelihood = gg.logLikelihood();
		}

		// one prediction per distinct history, in parallel over the distinct histories
		Map<Long, Integer> slot = new HashMap<>();
		long[] keys = new long[n];
		List<Long> distinct = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			long key = CustomerHistories.key(summary.x[i], summary.recencyDays[i], summary.ageDays[i]);
			keys[i] = key;
			if (slot.putIfAbsent(key, distinct.size()) == null) {
				distinct.add(key);
			}
		}
		int d = distinct.size();
		double[] alive = new double[d];
		double[] expected = new double[d];
		int weeks = HOLDOUT_WEEKS;
		double[][] cumulative = new double[d][];
		double[] weight = new double[d];
		for (long key : keys) {
			weight[slot.get(key)]++;
		}
		// The holdout curve is a chart of totals: beyond HOLDOUT_SAMPLE distinct
		// histories it
		// is estimated from every stride-th one, scaled to all customers (error well
		// below
		// a line's width), instead of 52 more series per history.
		int stride = Math.max(1, (d + HOLDOUT_SAMPLE - 1) / HOLDOUT_SAMPLE);
		IntStream.range(0, d).parallel().forEach((k) -> {
			long key = distinct.get(k);
			int x = (int) (key >>> 42);
			double tx = (double) ((key >>> 21) & 0x1F_FFFF) / unitDays;
			double t = (double) (key & 0x1F_FFFF) / unitDays;
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
		double[] pAlive = new double[n];
		double[] purchases = new double[n];
		double[] spend = new double[n];
		for (int i = 0; i < n; i++) {
			int k = slot.get(keys[i]);
			pAlive[i] = alive[k];
			purchases[i] = expected[k];
			if (spendModel != null) {
				spend[i] = spendModel.expectedSpend(summary.x[i], (summary.x[i] > 0) ? summary.spend[i] : 0);
			}
			else {
				spend[i] = (summary.x[i] > 0) ? summary.spend[i] : 0;
			}
		}
		return new Result(model.r(), model.alpha(), model.a(), model.b(), bg.logLikelihood(),
				(spendModel != null) ? spendModel.p() : Double.NaN, (spendModel != null) ? spendModel.q() : Double.NaN,
				(spendModel != null) ? spendModel.gamma() : Double.NaN, ggLogLikelihood, repeaters, pAlive, purchases,
				spend, holdout);
	}

}
