package io.mawasu.crm.analytics.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Benjamini–Hochberg adjusted p-values (q-values), as R's
 * {@code p.adjust(p, method = "BH")}: with the m p-values ranked ascending, q(i) = min
 * over j ≥ i of (m / j)·p(j), capped at 1, so the q-values are monotone in the p-values.
 * Benjamini &amp; Hochberg (1995), JRSS B 57, 289–300.
 */
public final class BenjaminiHochberg {

	private BenjaminiHochberg() {
	}

	public static double[] adjust(double[] p) {
		int m = p.length;
		Integer[] order = new Integer[m];
		for (int i = 0; i < m; i++) {
			if (Double.isNaN(p[i]) || p[i] < 0 || p[i] > 1) {
				throw new IllegalArgumentException("p-value " + i + " is not within [0, 1]: " + p[i]);
			}
			order[i] = i;
		}
		Arrays.sort(order, Comparator.comparingDouble((Integer i) -> p[i]));
		double[] q = new double[m];
		double running = 1;
		for (int rank = m; rank >= 1; rank--) {
			int i = order[rank - 1];
			running = Math.min(running, p[i] * m / rank);
			q[i] = Math.min(1, running);
		}
		return q;
	}

}
