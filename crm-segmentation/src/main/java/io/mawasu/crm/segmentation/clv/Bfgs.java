package io.mawasu.crm.segmentation.clv;

/**
 * Unconstrained minimisation with the BFGS quasi-Newton method (Nocedal &amp; Wright,
 * <i>Numerical Optimization</i>, 2nd ed., Algorithm 6.1) with a backtracking line search
 * on the Armijo condition; the inverse-Hessian update is skipped when the curvature
 * condition sᵀy &gt; 0 fails. Neither Commons Math nor Hipparchus ships a BFGS optimiser,
 * so it is written here and tested on the Rosenbrock function.
 */
final class Bfgs {

	/** A function with its gradient: returns f(x) and writes ∇f(x) into gradient. */
	interface Objective {

		double valueAndGradient(double[] x, double[] gradient);

	}

	record Minimum(double[] point, double value, int iterations, boolean converged) {
	}

	private Bfgs() {
	}

	static Minimum minimise(Objective objective, double[] start, int maxIterations, double gradientTolerance) {
		int n = start.length;
		double[] x = start.clone();
		double[] g = new double[n];
		double f = objective.valueAndGradient(x, g);
		if (!Double.isFinite(f)) {
			return new Minimum(x, f, 0, false);
		}
		double[][] h = identity(n);
		double[] xNew = new double[n];
		double[] gNew = new double[n];
		for (int iteration = 1; iteration <= maxIterations; iteration++) {
			if (maxAbs(g) < gradientTolerance) {
				return new Minimum(x, f, iteration - 1, true);
			}
			double[] direction = new double[n];
			for (int i = 0; i < n; i++) {
				for (int j = 0; j < n; j++) {
					direction[i] -= h[i][j] * g[j];
				}
			}
			double slope = dot(direction, g);
			if (slope >= 0) {
				h = identity(n);
				for (int i = 0; i < n; i++) {
					direction[i] = -g[i];
				}
				slope = -dot(g, g);
			}
			double step = 1;
			double fNew = Double.NaN;
			boolean accepted = false;
			for (int tries = 0; tries < 60; tries++) {
				for (int i = 0; i < n; i++) {
					xNew[i] = x[i] + step * direction[i];
				}
				fNew = objective.valueAndGradient(xNew, gNew);
				if (Double.isFinite(fNew) && fNew <= f + 1e-4 * step * slope) {
					accepted = true;
					break;
				}
				step *= 0.5;
			}
			if (!accepted) {
				return new Minimum(x, f, iteration, maxAbs(g) < gradientTolerance * 1e3);
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
			double change = Math.abs(f - fNew);
			System.arraycopy(xNew, 0, x, 0, n);
			System.arraycopy(gNew, 0, g, 0, n);
			f = fNew;
			if (change <= 1e-15 * Math.max(1, Math.abs(f)) && maxAbs(s) < 1e-12) {
				return new Minimum(x, f, iteration, true);
			}
		}
		return new Minimum(x, f, maxIterations, maxAbs(g) < gradientTolerance);
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

	private static double maxAbs(double[] a) {
		double max = 0;
		for (double v : a) {
			max = Math.max(max, Math.abs(v));
		}
		return max;
	}

}
