package io.mawasu.crm.segmentation.clv;

import java.util.ArrayList;
import java.util.List;

/**
 * Maximum-likelihood fits of {@link BgNbd} and {@link GammaGamma}: BFGS on the mean
 * negative log-likelihood over the logarithms of the parameters (so they stay positive),
 * from several starting points, keeping the best optimum; the best is then restarted once
 * with a fresh inverse Hessian so that it ends on a true stationary point.
 */
final class ModelFit {

	private static final int MAX_ITERATIONS = 500;

	private static final double GRADIENT_TOLERANCE = 1e-10;

	private ModelFit() {
	}

	record Fitted<M>(M model, double logLikelihood) {
	}

	static Fitted<BgNbd> bgNbd(CustomerHistories data) {
		double n = data.customers();
		double meanT = 0;
		for (int i = 0; i < data.size; i++) {
			meanT += data.t[i] * data.weight[i];
		}
		meanT = Math.max(meanT / n, 1e-3);
		Bfgs.Objective objective = (theta, gradient) -> {
			BgNbd model = new BgNbd(Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2]), Math.exp(theta[3]));
			double ll = model.logLikelihood(data, gradient);
			for (int i = 0; i < gradient.length; i++) {
				gradient[i] = -gradient[i] / n;
			}
			return -ll / n;
		};
		List<double[]> starts = List.of(new double[] { 0, 0, 0, 0 }, logs(0.5, meanT / 4, 0.5, 2), logs(2, meanT, 2, 5),
				logs(0.1, meanT / 10, 1, 1));
		double[] best = best(objective, starts);
		BgNbd model = new BgNbd(Math.exp(best[0]), Math.exp(best[1]), Math.exp(best[2]), Math.exp(best[3]));
		return new Fitted<>(model, model.logLikelihood(data, null));
	}

	/** Fits p, q, γ on repeaters sorted by x, each with a positive mean spend. */
	static Fitted<GammaGamma> gammaGamma(int[] x, double[] spend, int count) {
		double meanSpend = 0;
		for (int i = 0; i < count; i++) {
			meanSpend += spend[i];
		}
		meanSpend = Math.max(meanSpend / count, 1e-6);
		Bfgs.Objective objective = (theta, gradient) -> {
			GammaGamma model = new GammaGamma(Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2]));
			double ll = model.logLikelihood(x, spend, count, gradient);
			for (int i = 0; i < gradient.length; i++) {
				gradient[i] = -gradient[i] / count;
			}
			return -ll / count;
		};
		List<double[]> starts = List.of(new double[] { 0, 0, 0 }, logs(5, 3, meanSpend), logs(10, 5, 2 * meanSpend),
				logs(2, 2, meanSpend / 2), logs(20, 10, 5 * meanSpend));
		double[] best = best(objective, starts);
		GammaGamma model = new GammaGamma(Math.exp(best[0]), Math.exp(best[1]), Math.exp(best[2]));
		return new Fitted<>(model, model.logLikelihood(x, spend, count, null));
	}

	private static double[] best(Bfgs.Objective objective, List<double[]> starts) {
		List<Bfgs.Minimum> minima = new ArrayList<>();
		for (double[] start : starts) {
			minima.add(Bfgs.minimise(objective, start, MAX_ITERATIONS, GRADIENT_TOLERANCE));
		}
		Bfgs.Minimum best = null;
		for (Bfgs.Minimum minimum : minima) {
			if (Double.isFinite(minimum.value()) && (best == null || minimum.value() < best.value())) {
				best = minimum;
			}
		}
		if (best == null) {
			throw new IllegalStateException("The likelihood could not be evaluated at any starting point");
		}
		Bfgs.Minimum polished = Bfgs.minimise(objective, best.point(), MAX_ITERATIONS, GRADIENT_TOLERANCE);
		return (polished.value() <= best.value()) ? polished.point() : best.point();
	}

	private static double[] logs(double... values) {
		double[] logs = new double[values.length];
		for (int i = 0; i < values.length; i++) {
			logs[i] = Math.log(values[i]);
		}
		return logs;
	}

}
