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
	 * h/(α+T+h))) / (1 + [x&gt;0] a/(b+x−1) ((α+T)/(α+tₓ))^(r+x)). With Euler's
	 * transformation the product ((α+T)/(α+T+h))^(r+x) ₂F₁(…) equals (1−z)^(a−1)
	 * ₂F₁(a+b−1−r, a−1; a+b+x−1; z), z = h/(α+T+h), which neither overflows nor loses
	 * digits for large x.
	 */
	double expectedPurchases(int x, double tx, double t, double horizon) {
		if (horizon <= 0) {
			return 0;
		}
		double z = horizon / (this.alpha + t + horizon);
		double c = this.a + this.b + x - 1;
		double hyper = Math.pow(1 - z, this.a - 1) * Hypergeometric.f21(this.a + this.b - 1 - this.r, this.a - 1, c, z);
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
	 * gradient with respect to (ln r, ln α, ln a, ln b).
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
		for (int i = 0; i < data.distinctX.length; i++) {
			int x = data.distinctX[i];
			double n = data.countOfX[i];
			ll += n * (logGamma(r + x) - commonR + r * Math.log(alpha) + commonB + logGamma(b + x)
					- logGamma(a + b + x));
			if (gradient != null) {
				double psiABX = digamma(a + b + x);
				lnR += n * (digamma(r + x) - psiR + Math.log(alpha));
				lnAlpha += n * (r / alpha);
				lnA += n * (psiAB - psiABX);
				lnB += n * (psiAB + digamma(b + x) - psiB - psiABX);
			}
		}
		double logA = Math.log(a);
		for (int i = 0; i < data.size; i++) {
			int x = data.x[i];
			double w = data.weight[i];
			double rx = r + x;
			double logAlphaT = Math.log(alpha + data.t[i]);
			double a3 = -rx * logAlphaT;
			if (x == 0) {
				ll += w * a3;
				if (gradient != null) {
					lnR -= w * logAlphaT;
					lnAlpha -= w * rx / (alpha + data.t[i]);
				}
				continue;
			}
			double logAlphaTx = Math.log(alpha + data.tx[i]);
			double a4 = logA - Math.log(b + x - 1) - rx * logAlphaTx;
			double max = Math.max(a3, a4);
			double e3 = Math.exp(a3 - max);
			double e4 = Math.exp(a4 - max);
			double sum = e3 + e4;
			ll += w * (max + Math.log(sum));
			if (gradient != null) {
				double p4 = e4 / sum;
				double p3 = 1 - p4;
				lnR -= w * (p3 * logAlphaT + p4 * logAlphaTx);
				lnAlpha -= w * rx * (p3 / (alpha + data.t[i]) + p4 / (alpha + data.tx[i]));
				lnA += w * p4 / a;
				lnB -= w * p4 / (b + x - 1);
			}
		}
		if (gradient != null) {
			gradient[0] = lnR * r;
			gradient[1] = lnAlpha * alpha;
			gradient[2] = lnA * a;
			gradient[3] = lnB * b;
		}
		return ll;
	}

}
