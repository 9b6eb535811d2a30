package io.mawasu.crm.segmentation.clv;

import static org.apache.commons.math3.special.Gamma.digamma;
import static org.apache.commons.math3.special.Gamma.logGamma;

/**
 * The Gamma-Gamma spend model (Fader, Hardie &amp; Lee 2005, "RFM and CLV: Using
 * Iso-Value Curves for Customer Base Analysis", JMR 42(4); Fader &amp; Hardie 2013, "The
 * Gamma-Gamma Model of Monetary Value"), parameters p, q, γ, for customers with x &gt; 0
 * repeat purchases of mean spend m̄.
 * <p>
 * Log-likelihood of one customer ({@code lifetimes.GammaGammaFitter}): ln Γ(px+q) − ln
 * Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(x m̄ + γ).
 */
record GammaGamma(double p, double q, double gamma) {

	/**
	 * E[M | x, m̄] = p(γ + x m̄) / (px + q − 1); for x = 0 the population mean pγ /
	 * (q−1).
	 */
	double expectedSpend(int x, double meanSpend) {
		if (x == 0) {
			return this.p * this.gamma / (this.q - 1);
		}
		return this.p * (this.gamma + x * meanSpend) / (this.p * x + this.q - 1);
	}

	/**
	 * The log-likelihood of the repeaters and, when {@code gradient} is not null, its
	 * gradient with respect to (ln p, ln q, ln γ); the gamma functions are taken once per
	 * distinct x (the data are sorted by x).
	 */
	double logLikelihood(Repeaters data, double[] gradient) {
		double p = this.p;
		double q = this.q;
		double v = this.gamma;
		double lgQ = logGamma(q);
		double psiQ = digamma(q);
		double logV = Math.log(v);
		double ll = 0;
		double dp = 0;
		double dq = 0;
		double dv = 0;
		int lastX = -1;
		double lgTerms = 0;
		double psiPxQ = 0;
		double psiPx = 0;
		int[] x = data.x;
		double[] spend = data.spend;
		double[] logSpend = data.logSpend;
		double[] logX = data.logX;
		for (int i = 0; i < data.size; i++) {
			int xi = x[i];
			if (xi != lastX) {
				lgTerms = logGamma(p * xi + q) - logGamma(p * xi) - lgQ + q * logV;
				if (gradient != null) {
					psiPxQ = digamma(p * xi + q);
					psiPx = digamma(p * xi);
				}
				lastX = xi;
			}
			double px = p * xi;
			double logM = logSpend[i];
			double xm = xi * spend[i] + v;
			double logXmV = Math.log(xm);
			ll += lgTerms + (px - 1) * logM + px * logX[i] - (px + q) * logXmV;
			if (gradient != null) {
				dp += xi * (psiPxQ - psiPx + logM + logX[i] - logXmV);
				dq += psiPxQ - psiQ + logV - logXmV;
				dv += q / v - (px + q) / xm;
			}
		}
		if (gradient != null) {
			gradient[0] = dp * p;
			gradient[1] = dq * q;
			gradient[2] = dv * v;
		}
		return ll;
	}

}
