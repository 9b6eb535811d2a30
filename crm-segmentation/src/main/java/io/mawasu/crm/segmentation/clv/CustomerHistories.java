package io.mawasu.crm.segmentation.clv;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Customers' (x, tₓ, T) grouped by distinct triple with the number of customers having
 * it, so the BG/NBD likelihood is summed once per distinct history; tₓ and T are whole
 * days divided by the unit's length in days.
 */
final class CustomerHistories {

	final int size;

	final int[] x;

	final double[] tx;

	final double[] t;

	final double[] weight;

	final int[] distinctX;

	final double[] countOfX;

	private CustomerHistories(int size, int[] x, double[] tx, double[] t, double[] weight, int[] distinctX,
			double[] countOfX) {
		this.size = size;
		this.x = x;
		this.tx = tx;
		this.t = t;
		this.weight = weight;
		this.distinctX = distinctX;
		this.countOfX = countOfX;
	}

	/**
	 * Groups customers given as parallel arrays of x, recency days and age days.
	 * @param unitDays 7 for weeks, 1 for days
	 */
	static CustomerHistories group(int[] x, int[] recencyDays, int[] ageDays, int count, int unitDays) {
		Map<Long, int[]> counts = new HashMap<>();
		Map<Integer, int[]> byX = new TreeMap<>();
		for (int i = 0; i < count; i++) {
			counts.computeIfAbsent(key(x[i], recencyDays[i], ageDays[i]), (k) -> new int[1])[0]++;
			byX.computeIfAbsent(x[i], (k) -> new int[1])[0]++;
		}
		int n = counts.size();
		int[] gx = new int[n];
		double[] gtx = new double[n];
		double[] gt = new double[n];
		double[] w = new double[n];
		int i = 0;
		for (Map.Entry<Long, int[]> entry : counts.entrySet()) {
			long k = entry.getKey();
			gx[i] = (int) (k >>> 42);
			gtx[i] = (double) ((k >>> 21) & 0x1F_FFFF) / unitDays;
			gt[i] = (double) (k & 0x1F_FFFF) / unitDays;
			w[i] = entry.getValue()[0];
			i++;
		}
		int[] dx = new int[byX.size()];
		double[] cx = new double[byX.size()];
		int j = 0;
		for (Map.Entry<Integer, int[]> entry : byX.entrySet()) {
			dx[j] = entry.getKey();
			cx[j] = entry.getValue()[0];
			j++;
		}
		return new CustomerHistories(n, gx, gtx, gt, w, dx, cx);
	}

	/** x in the top 22 bits, recency and age days (below 2²¹ ≈ 5,700 years) below. */
	static long key(int x, int recencyDays, int ageDays) {
		return ((long) x << 42) | ((long) recencyDays << 21) | ageDays;
	}

	double customers() {
		double sum = 0;
		for (double c : this.countOfX) {
			sum += c;
		}
		return sum;
	}

}
