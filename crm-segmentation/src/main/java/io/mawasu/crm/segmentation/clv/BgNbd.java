package io.mawasu.crm.segmentation.clv;

import static org.apache.commons.math3.special.Gamma.digamma;
import static org.apache.commons.math3.special.Gamma.logGamma;

/**
 * The BG/NBD model (Fader, Hardie &amp; Lee 2005, "Counting Your Customers the Easy Way",
 * Marketing Science 24(2)), with parameters r, α, a, b and a customer's history x (repeat
 * purchases), tₓ (recency), T (age), all in one time unit.
 * <p>
 * Log-likelihood of one customer (the paper's eq. 6, as {@code lifetimes.BetaGeoFitter}
 * sums it): ln Γ(r+x) − ln Γ(r) + r ln α + ln Γ(a+b) + ln Γ(b+x) − ln Γ(b) − ln Γ(a+b+x)
 * + ln( (α+T)^−(r+x) + [x&gt;0] a/(b+x−1) (α+tₓ)^−(r+x) ).
 */
record BgNbd(double r, double alpha, double a, double b) {

	/**
	 * P(alive | x, tₓ, T) = 1 / (1 + [x&gt;0] a/(b+x−1) ((α+T)/(α+tₓ))^(r+x)) (the
	 * paper's eq. 13; {@code lifetimes} {@code conditional_probability_alive}).
	 */
	double pAlive(int x, double tx, double t) {
		if (x == 0) {
			return 1;
		}
		double logDiv = Math.log(this.a / (this.b + x - 1))
				+ (this.r + x) * (Math.log(this.alpha + t) - Math.log(this.alpha + tx));
		return 1 / (1 + Math.exp(logDiv));
	}

	/**
	 * E[Y(h) | x, tₓ, T], the expected purchases in the next h units (the paper's eq.
	 * 10): ((a+b+x−1)/(a−1)) (1 − ((α+T)/(α+T+h))^(r+x) ₂F₁(r+x, b+x; a+b+x−1;
	 * h/(α+T+h))) / (1 + [x&gt;0] a/(b+x−1) ((α+T)/(α+tₓ))^(r+x)), with the product of
	 * the power and ₂F₁ taken in logarithms so that neither overflows.
	 */
	double expectedPurchases(int x, double tx, double t, double horizon) {
		if (horizon <= 0) {
			return 0;
		}
		double z = horizon / (this.alpha + t + horizon);
		double c = this.a + this.b + x - 1;
		double hyper = Math.exp((this.r + x) * Math.log1p(-z) + Hypergeometric.logF21(this.r + x, this.b + x, c, z));
		double numerator = (c / (this.a - 1)) * (1 - hyper);
		double denominator = 1;
		if (x > 0) {
			denominator += Math.exp(Math.log(this.a / (this.b + x - 1))
					+ (this.r + x) * (Math.log(this.alpha + t) - Math.log(this.alpha + tx)));
		}
		return numerator / denominator;
	}

	/**
	 * The log-likelihood of grouped customers and, when {@code gradient} is not null, its
	 * gradient with respect to (ln r, ln α, ln a, ln b). ln(α + d) is taken once per
	 * distinct day count and ln(b + x − 1) once per distinct x; each customer group then
	 * costs one exp and one log (ln(e^A₃ + e^A₄) as max + ln(1 + e^−|A₃−A₄|)).
	 */
	double logLikelihood(CustomerHistories data, double[] gradient) {
		double r = this.r;
		double alpha = this.alpha;
		double a = this.a;
		double b = this.b;
		double lnR = 0;
		double lnAlpha = 0;
		double lnA = 0;
		double lnB = 0;
		double ll = 0;
		// the terms that depend on x only, once per distinct x
		double commonR = logGamma(r);
		double commonB = logGamma(a + b) - logGamma(b);
		double psiR = digamma(r);
		double psiAB = digamma(a + b);
		double psiB = digamma(b);
		double logAlpha = Math.log(alpha);
		int xs = data.distinctX.length;
		double[] logB1 = new double[xs];
		double[] invB1 = new double[xs];
		for (int i = 0; i < xs; i++) {
			int x = data.distinctX[i];
			double n = data.countOfX[i];
			ll += n * (logGamma(r + x) - commonR + r * logAlpha + commonB + logGamma(b + x) - logGamma(a + b + x));
			if (gradient != null) {
				double psiABX = digamma(a + b + x);
				lnR += n * (digamma(r + x) - psiR + logAlpha);
				lnAlpha += n * (r / alpha);
				lnA += n * (psiAB - psiABX);
				lnB += n * (psiAB + digamma(b + x) - psiB - psiABX);
			}
			if (x > 0) {
				logB1[i] = Math.log(b + x - 1);
				invB1[i] = 1 / (b + x - 1);
			}
		}
		// ln(α + d) and 1 / (α + d), once per distinct day count d (in units)
		double unit = data.unitDays;
		double[] logAt = new double[data.days.length];
		double[] invAt = new double[data.days.length];
		for (int d = 0; d < data.days.length; d++) {
			double v = alpha + data.days[d] / unit;
			logAt[d] = Math.log(v);
			invAt[d] = 1 / v;
		}
		double logA = Math.log(a);
		double sumP4 = 0;
		for (int i = 0; i < data.size; i++) {
			int x = data.x[i];
			double w = data.weight[i];
			double rx = r + x;
			int t = data.tAt[i];
			double logAlphaT = logAt[t];
			double a3 = -rx * logAlphaT;
			if (x == 0) {
				ll += w * a3;
				if (gradient != null) {
					lnR -= w * logAlphaT;
					lnAlpha -= w * rx * invAt[t];
				}
				continue;
			}
			int tx = data.txAt[i];
			int xi = data.xAt[i];
			double logAlphaTx = logAt[tx];
			double a4 = logA - logB1[xi] - rx * logAlphaTx;
			double diff = a4 - a3;
			double p4;
			if (diff > 0) {
				double e = Math.exp(-diff);
				ll += w * (a4 + Math.log(1 + e));
				p4 = 1 / (1 + e);
			}
			else {
				double e = Math.exp(diff);
				ll += w * (a3 + Math.log(1 + e));
				p4 = e / (1 + e);
			}
			if (gradient != null) {
				double p3 = 1 - p4;
				lnR -= w * (p3 * logAlphaT + p4 * logAlphaTx);
				lnAlpha -= w * rx * (p3 * invAt[t] + p4 * invAt[tx]);
				sumP4 += w * p4;
				lnB -= w * p4 * invB1[xi];
			}
		}
		if (gradient != null) {
			gradient[0] = lnR * r;
			gradient[1] = lnAlpha * alpha;
			gradient[2] = lnA * a + sumP4;
			gradient[3] = lnB * b;
		}
		return ll;
	}

}
