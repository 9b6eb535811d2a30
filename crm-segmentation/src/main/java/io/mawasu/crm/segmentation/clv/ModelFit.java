package io.mawasu.crm.segmentation.clv;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Maximum-likelihood fits of {@link BgNbd} and {@link GammaGamma}: BFGS on the mean
 * negative log-likelihood over the logarithms of the parameters (so they stay positive),
 * from several starting points, keeping the best optimum.
 * <p>
 * The starts search a sample of at most {@link #SAMPLE} customer groups (or repeaters)
 * when the data are larger, and stop once two of them reach the same optimum; the best is
 * then refined on all the data, with a fresh inverse Hessian, until a full quasi-Newton
 * step changes no parameter by more than 10⁻⁷ of itself (the goal is 10⁻⁴). When the
 * likelihood keeps rising towards a parameter's 0 or ∞ (no dropout in the data: a → 0;
 * every customer alike: a, b → ∞ or q, γ → ∞), the search stops once the likelihood no
 * longer changes in its tenth digit and reports those parameters in
 * {@link Fitted#boundary()} instead of walking the ridge to the parameter bound.
 */
final class ModelFit {

	static final int SAMPLE = 20_000;

	private static final int MAX_ITERATIONS = 500;

	private static final double GRADIENT_TOLERANCE = 1e-10;

	private static final double STEP_TOLERANCE = 1e-7;

	/**
	 * Two starts agree when their optima differ by less than this (relative, mean −ln L).
	 */
	private static final double AGREEMENT = 1e-7;

	private static final double LOG_BOUND = 18;

	/** ln 10⁶. */
	private static final double SHAPE_LIMIT = 13.8;

	private ModelFit() {
	}

	/**
	 * @param boundary the parameters whose maximum lies at 0 or ∞, as "a → 0", "b → ∞"
	 * (empty for an interior maximum)
	 * @param evaluations likelihood evaluations on all the data (not counting the
	 * sample's)
	 */
	record Fitted<M>(M model, double logLikelihood, List<String> boundary, int evaluations) {
	}

	static Fitted<BgNbd> bgNbd(CustomerHistories data) {
		double n = data.customers();
		double meanT = 0;
		for (int i = 0; i < data.size; i++) {
			meanT += data.days[data.tAt[i]] / (double) data.unitDays * data.weight[i];
		}
		meanT = Math.max(meanT / n, 1e-3);
		Function<CustomerHistories, Bfgs.Objective> objective = (histories) -> {
			double customers = histories.customers();
			return (theta, gradient) -> {
				if (outOfBounds(theta)) {
					return Double.NaN;
				}
				BgNbd model = bgNbd(theta);
				double ll = model.logLikelihood(histories, gradient);
				for (int i = 0; i < gradient.length; i++) {
					gradient[i] = -gradient[i] / customers;
				}
				return -ll / customers;
			};
		};
		List<double[]> starts = List.of(new double[] { 0, 0, 0, 0 }, logs(0.5, meanT / 4, 0.5, 2), logs(2, meanT, 2, 5),
				logs(0.1, meanT / 10, 1, 1));
		Search best = best(objective.apply(data), objective.apply(data.sample(SAMPLE)), starts);
		BgNbd model = bgNbd(best.point());
		return new Fitted<>(model, model.logLikelihood(data, null), best.boundary("r", "alpha", "a", "b"),
				best.all().evaluations());
	}

	/** Fits p, q, γ on repeaters sorted by x, each with a positive mean spend. */
	static Fitted<GammaGamma> gammaGamma(int[] x, double[] spend, int count) {
		Repeaters data = new Repeaters(x, spend, count);
		double meanSpend = 0;
		for (int i = 0; i < count; i++) {
			meanSpend += spend[i];
		}
		meanSpend = Math.max(meanSpend / count, 1e-6);
		Function<Repeaters, Bfgs.Objective> objective = (repeaters) -> (theta, gradient) -> {
			if (outOfBounds(theta)) {
				return Double.NaN;
			}
			GammaGamma model = new GammaGamma(Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2]));
			double ll = model.logLikelihood(repeaters, gradient);
			for (int i = 0; i < gradient.length; i++) {
				gradient[i] = -gradient[i] / repeaters.size;
			}
			return -ll / repeaters.size;
		};
		List<double[]> starts = List.of(new double[] { 0, 0, 0 }, logs(5, 3, meanSpend), logs(10, 5, 2 * meanSpend),
				logs(2, 2, meanSpend / 2), logs(20, 10, 5 * meanSpend));
		Search best = best(objective.apply(data), objective.apply(data.sample(SAMPLE)), starts);
		GammaGamma model = new GammaGamma(Math.exp(best.point()[0]), Math.exp(best.point()[1]),
				Math.exp(best.point()[2]));
		return new Fitted<>(model, model.logLikelihood(data, null), best.boundary("p", "q", "gamma"),
				best.all().evaluations());
	}

	private static BgNbd bgNbd(double[] theta) {
		return new BgNbd(Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2]), Math.exp(theta[3]));
	}

	/**
	 * Minimises {@code sample} (which may be {@code all} itself) from each start in turn
	 * until two reach the same optimum, then refines the best on {@code all}.
	 */
	private static Search best(Bfgs.Objective all, Bfgs.Objective sample, List<double[]> starts) {
		List<Bfgs.Minimum> minima = new ArrayList<>();
		Bfgs.Minimum best = null;
		for (double[] start : starts) {
			Bfgs.Minimum minimum = Bfgs.minimise(sample, start, null, MAX_ITERATIONS, GRADIENT_TOLERANCE,
					STEP_TOLERANCE, LOG_BOUND);
			if (!Double.isFinite(minimum.value())) {
				continue;
			}
			boolean agrees = minima.stream().anyMatch((other) -> agree(minimum, other));
			minima.add(minimum);
			if (best == null || minimum.value() < best.value()) {
				best = minimum;
			}
			if (agrees && best.converged()) {
				break;
			}
		}
		if (best == null) {
			throw new IllegalStateException("The likelihood could not be evaluated at any starting point");
		}
		// on a sample the curvature is the full data's, so the refinement starts from it;
		// on all the data a fresh identity makes sure the end is a stationary point
		double[][] h = (sample != all) ? best.inverseHessian() : null;
		Bfgs.Minimum refined = Bfgs.minimise(all, best.point(), h, MAX_ITERATIONS, GRADIENT_TOLERANCE, STEP_TOLERANCE,
				LOG_BOUND);
		return new Search(best, refined);
	}

	/**
	 * The best optimum of the starts (on the sample) and its refinement on all the data.
	 */
	private record Search(Bfgs.Minimum sample, Bfgs.Minimum all) {

		double[] point() {
			return this.all.point();
		}

		/**
		 * The parameters that ran towards 0 or ∞: those still drifting when the
		 * likelihood went flat, or beyond 10^±6 (shapes) or e^±18 (scales); when the
		 * refinement from the sample's optimum ended on the ridge without drifting
		 * further, the sample's drift names them.
		 */
		List<String> boundary(String... names) {
			List<String> boundary = ModelFit.boundary(this.all, names);
			return (boundary.isEmpty() && this.sample != this.all) ? ModelFit.boundary(this.sample, names) : boundary;
		}

	}

	// the same optimum to seven digits of the likelihood (on a ridge to a boundary the
	// parameters themselves need not agree)
	private static boolean agree(Bfgs.Minimum one, Bfgs.Minimum other) {
		return Math.abs(one.value() - other.value()) <= AGREEMENT * Math.max(1, Math.abs(one.value()));
	}

	private static List<String> boundary(Bfgs.Minimum minimum, String... names) {
		List<String> boundary = new ArrayList<>();
		double drift = Bfgs.maxAbs(minimum.drift());
		for (int i = 0; i < names.length; i++) {
			double theta = minimum.point()[i];
			double d = minimum.drift()[i];
			boolean drifting = minimum.stop() == Bfgs.Stop.FLAT && Math.abs(d) >= 0.25 * drift;
			// a shape parameter beyond 10^±6 is at its limit whatever the data's units
			// (α and γ carry the units of time and money, so only the bound counts for
			// them)
			boolean scale = names[i].equals("alpha") || names[i].equals("gamma");
			boolean held = Math.abs(theta) >= ((scale) ? LOG_BOUND - 0.5 : SHAPE_LIMIT);
			if (drifting || held) {
				boundary.add(names[i] + (((drifting) ? d : theta) < 0 ? " → 0" : " → ∞"));
			}
		}
		return List.copyOf(boundary);
	}

	/**
	 * Parameters stay within e^±18: beyond it the predictions would lose their digits to
	 * cancellation. BFGS keeps to the box; this guards the objective.
	 */
	private static boolean outOfBounds(double[] theta) {
		for (double t : theta) {
			if (!(Math.abs(t) <= LOG_BOUND)) {
				return true;
			}
		}
		return false;
	}

	private static double[] logs(double... values) {
		double[] logs = new double[values.length];
		for (int i = 0; i < values.length; i++) {
			logs[i] = Math.log(values[i]);
		}
		return logs;
	}

}
