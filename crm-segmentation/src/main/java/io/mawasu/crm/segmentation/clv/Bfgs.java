package io.mawasu.crm.segmentation.clv;

/**
 * Unconstrained minimisation with the BFGS quasi-Newton method (Nocedal &amp; Wright,
 * <i>Numerical Optimization</i>, 2nd ed., Algorithm 6.1) with a backtracking line search
 * on the Armijo condition; the inverse-Hessian update is skipped when the curvature
 * condition sᵀy &gt; 0 fails. Neither Commons Math nor Hipparchus ships a BFGS optimiser,
 * so it is written here and tested on the Rosenbrock function.
 * <p>
 * It stops on relative changes, not on an absolute gradient alone (which never gets small
 * while the minimum lies at infinity): {@link Stop#CONVERGED} when a full quasi-Newton
 * step moves no coordinate by more than {@code stepTolerance} (near a minimum that step
 * is the remaining distance to it) or the gradient is below {@code gradientTolerance};
 * {@link Stop#FLAT} when over {@link #FLAT_ITERATIONS} iterations the value fell by less
 * than {@link #FLAT_TOLERANCE} of itself while a coordinate still drifted by more than
 * {@link #DRIFT}: the infimum lies at infinity along {@link Minimum#drift()} (a model
 * parameter running to 0 or ∞), and walking further would only spend iterations.
 */
final class Bfgs {

	static final int FLAT_ITERATIONS = 3;

	static final double FLAT_TOLERANCE = 1e-10;

	static final double DRIFT = 0.1;

	/** Relative rounding error of the objective's sums. */
	static final double NOISE = 1e-14;

	/** A function with its gradient: returns f(x) and writes ∇f(x) into gradient. */
	interface Objective {

		double valueAndGradient(double[] x, double[] gradient);

	}

	enum Stop {

		CONVERGED, FLAT, NO_DESCENT, MAX_ITERATIONS

	}

	/**
	 * @param drift the change of x over the last {@link #FLAT_ITERATIONS} iterations
	 * @param evaluations calls of the objective
	 */
	record Minimum(double[] point, double value, double[] gradient, int iterations, int evaluations, Stop stop,
			double[] drift, double[][] inverseHessian) {

		boolean converged() {
			return this.stop == Stop.CONVERGED || this.stop == Stop.FLAT;
		}

	}

	private Bfgs() {
	}

	static Minimum minimise(Objective objective, double[] start, int maxIterations, double gradientTolerance) {
		return minimise(objective, start, null, maxIterations, gradientTolerance, 1e-9, Double.POSITIVE_INFINITY);
	}

	/**
	 * @param inverseHessian the starting approximation (e.g. from a search on a sample of
	 * the data), or null for the identity
	 * @param bound every coordinate stays within ±bound: a step is cut where it would
	 * leave the box, and a coordinate on the bound whose descent points outward is held
	 * there while the others move on (instead of halving steps against the wall)
	 */
	static Minimum minimise(Objective objective, double[] start, double[][] inverseHessian, int maxIterations,
			double gradientTolerance, double stepTolerance, double bound) {
		int n = start.length;
		double[] x = start.clone();
		double[] g = new double[n];
		double f = objective.valueAndGradient(x, g);
		int evaluations = 1;
		double[][] history = new double[FLAT_ITERATIONS + 1][];
		double[] values = new double[FLAT_ITERATIONS + 1];
		history[0] = x.clone();
		values[0] = f;
		double[][] h = (inverseHessian != null) ? copy(inverseHessian) : identity(n);
		if (!Double.isFinite(f)) {
			return new Minimum(x, f, g, 0, evaluations, Stop.NO_DESCENT, new double[n], h);
		}
		double[] xNew = new double[n];
		double[] gNew = new double[n];
		for (int iteration = 1; iteration <= maxIterations; iteration++) {
			double[] free = g.clone();
			for (int i = 0; i < n; i++) {
				if (Math.abs(x[i]) >= bound - 1e-9 && x[i] * g[i] < 0) {
					free[i] = 0;
				}
			}
			if (maxAbs(free) < gradientTolerance) {
				return new Minimum(x, f, g, iteration - 1, evaluations, Stop.CONVERGED,
						drift(history, iteration - 1, x), h);
			}
			double[] direction = new double[n];
			for (int i = 0; i < n; i++) {
				if (free[i] != 0 || g[i] == 0) {
					for (int j = 0; j < n; j++) {
						direction[i] -= h[i][j] * free[j];
					}
				}
			}
			double slope = dot(direction, g);
			if (slope >= 0) {
				h = identity(n);
				for (int i = 0; i < n; i++) {
					direction[i] = -free[i];
				}
				slope = -dot(free, free);
			}
			if (-slope <= NOISE * Math.max(1, Math.abs(f))) {
				// the full step would lower f by less than its rounding error: nothing
				// left to measure
				return new Minimum(x, f, g, iteration - 1, evaluations, Stop.CONVERGED,
						drift(history, iteration - 1, x), h);
			}
			double step = 1;
			for (int i = 0; i < n; i++) {
				double to = x[i] + direction[i];
				if (to > bound) {
					step = Math.min(step, (bound - x[i]) / direction[i]);
				}
				else if (to < -bound) {
					step = Math.min(step, (-bound - x[i]) / direction[i]);
				}
			}
			double fNew = Double.NaN;
			boolean accepted = false;
			for (int tries = 0; tries < 60; tries++) {
				for (int i = 0; i < n; i++) {
					xNew[i] = Math.max(-bound, Math.min(bound, x[i] + step * direction[i]));
				}
				fNew = objective.valueAndGradient(xNew, gNew);
				evaluations++;
				if (Double.isFinite(fNew) && fNew <= f + 1e-4 * step * slope) {
					accepted = true;
					break;
				}
				// the minimum of the quadratic through f, the slope and fNew, kept within
				// [0.1, 0.5] of the step (Nocedal & Wright, section 3.5)
				double shrink = 0.5;
				if (Double.isFinite(fNew)) {
					shrink = -slope * step / (2 * (fNew - f - slope * step));
					shrink = Math.max(0.1, Math.min(0.5, shrink));
				}
				step *= shrink;
			}
			if (!accepted) {
				return new Minimum(x, f, g, iteration, evaluations, Stop.NO_DESCENT, drift(history, iteration - 1, x),
						h);
			}
			double[] s = new double[n];
			double[] y = new double[n];
			for (int i = 0; i < n; i++) {
				s[i] = xNew[i] - x[i];
				y[i] = gNew[i] - g[i];
			}
			double sy = dot(s, y);
			if (sy > 1e-300) {
				h = update(h, s, y, sy);
			}
			double decrease = f - fNew;
			System.arraycopy(xNew, 0, x, 0, n);
			System.arraycopy(gNew, 0, g, 0, n);
			f = fNew;
			history[iteration % history.length] = x.clone();
			values[iteration % values.length] = f;
			if (step == 1 && maxAbs(s) <= stepTolerance) {
				return new Minimum(x, f, g, iteration, evaluations, Stop.CONVERGED, drift(history, iteration, x), h);
			}
			if (step < 1e-3 && decrease <= FLAT_TOLERANCE * Math.max(1, Math.abs(f))) {
				// the line search had to shrink the step to where f hardly falls any
				// more:
				// rounding, not the function, decides from here
				double[] drift = drift(history, iteration, x);
				return new Minimum(x, f, g, iteration, evaluations,
						(maxAbs(drift) > DRIFT) ? Stop.FLAT : Stop.CONVERGED, drift, h);
			}
			if (iteration >= FLAT_ITERATIONS) {
				double before = values[(iteration - FLAT_ITERATIONS) % values.length];
				double[] drift = drift(history, iteration, x);
				if (before - f <= FLAT_TOLERANCE * Math.max(1, Math.abs(f)) && maxAbs(drift) > DRIFT) {
					return new Minimum(x, f, g, iteration, evaluations, Stop.FLAT, drift, h);
				}
			}
		}
		return new Minimum(x, f, g, maxIterations, evaluations, Stop.MAX_ITERATIONS, drift(history, maxIterations, x),
				h);
	}

	private static double[] drift(double[][] history, int iteration, double[] x) {
		double[] from = history[Math.max(0, iteration - FLAT_ITERATIONS) % history.length];
		double[] drift = new double[x.length];
		for (int i = 0; i < x.length; i++) {
			drift[i] = x[i] - from[i];
		}
		return drift;
	}

	// H' = (I - ρ s yᵀ) H (I - ρ y sᵀ) + ρ s sᵀ, ρ = 1 / (yᵀ s)
	private static double[][] update(double[][] h, double[] s, double[] y, double sy) {
		int n = s.length;
		double rho = 1 / sy;
		double[] hy = new double[n];
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < n; j++) {
				hy[i] += h[i][j] * y[j];
			}
		}
		double yhy = dot(y, hy);
		double[][] next = new double[n][n];
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < n; j++) {
				next[i][j] = h[i][j] - rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
			}
		}
		return next;
	}

	private static double[][] copy(double[][] m) {
		double[][] c = new double[m.length][];
		for (int i = 0; i < m.length; i++) {
			c[i] = m[i].clone();
		}
		return c;
	}

	private static double[][] identity(int n) {
		double[][] m = new double[n][n];
		for (int i = 0; i < n; i++) {
			m[i][i] = 1;
		}
		return m;
	}

	private static double dot(double[] a, double[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}

	static double maxAbs(double[] a) {
		double max = 0;
		for (double v : a) {
			max = Math.max(max, Math.abs(v));
		}
		return max;
	}

}
