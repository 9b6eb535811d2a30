package io.mawasu.crm.segmentation.clv;

import java.util.Arrays;

/**
 * Customers' (x, tₓ, T) grouped by distinct triple with the number of customers having
 * it, so the BG/NBD likelihood is summed once per distinct history; tₓ and T are whole
 * days divided by the unit's length in days. The triples are sorted by x, and each refers
 * to its x and to its two day counts through indexes into {@link #distinctX} and
 * {@link #days}, so the terms that depend on x alone or on one day count alone (ln Γ,
 * ln(α + T), …) are computed once per distinct value and evaluation.
 */
final class CustomerHistories {

	final int size;

	final int[] x;

	final double[] weight;

	final int unitDays;

	/** Per triple: index of its x in {@link #distinctX}. */
	final int[] xAt;

	/** Per triple: index of its tₓ and T days in {@link #days}. */
	final int[] txAt;

	final int[] tAt;

	/** The distinct day counts of tₓ and T, ascending. */
	final int[] days;

	final int[] distinctX;

	final double[] countOfX;

	private CustomerHistories(int[] x, int[] txDays, int[] tDays, double[] weight, int unitDays) {
		this.size = x.length;
		this.x = x;
		this.weight = weight;
		this.unitDays = unitDays;
		int[] allDays = new int[2 * this.size];
		System.arraycopy(txDays, 0, allDays, 0, this.size);
		System.arraycopy(tDays, 0, allDays, this.size, this.size);
		this.days = distinct(allDays);
		this.txAt = new int[this.size];
		this.tAt = new int[this.size];
		for (int i = 0; i < this.size; i++) {
			this.txAt[i] = Arrays.binarySearch(this.days, txDays[i]);
			this.tAt[i] = Arrays.binarySearch(this.days, tDays[i]);
		}
		this.distinctX = distinct(x);
		this.countOfX = new double[this.distinctX.length];
		this.xAt = new int[this.size];
		for (int i = 0; i < this.size; i++) {
			this.xAt[i] = Arrays.binarySearch(this.distinctX, x[i]);
			this.countOfX[this.xAt[i]] += weight[i];
		}
	}

	/**
	 * The distinct triples of customers given as parallel arrays of x, recency days and
	 * age days, sorted by {@link #key}.
	 */
	static long[] distinctKeys(int[] x, int[] recencyDays, int[] ageDays, int count) {
		long[] keys = new long[count];
		for (int i = 0; i < count; i++) {
			keys[i] = key(x[i], recencyDays[i], ageDays[i]);
		}
		return distinct(keys);
	}

	/**
	 * Groups customers given as parallel arrays of x, recency days and age days.
	 * @param unitDays 7 for weeks, 1 for days
	 */
	static CustomerHistories group(int[] x, int[] recencyDays, int[] ageDays, int count, int unitDays) {
		long[] keys = distinctKeys(x, recencyDays, ageDays, count);
		double[] weight = new double[keys.length];
		for (int i = 0; i < count; i++) {
			weight[Arrays.binarySearch(keys, key(x[i], recencyDays[i], ageDays[i]))]++;
		}
		return of(keys, weight, unitDays);
	}

	/** Triples given by their sorted keys, with the number of customers of each. */
	static CustomerHistories of(long[] keys, double[] weight, int unitDays) {
		int n = keys.length;
		int[] gx = new int[n];
		int[] gtx = new int[n];
		int[] gt = new int[n];
		for (int i = 0; i < n; i++) {
			gx[i] = xOf(keys[i]);
			gtx[i] = recencyOf(keys[i]);
			gt[i] = ageOf(keys[i]);
		}
		return new CustomerHistories(gx, gtx, gt, weight, unitDays);
	}

	/**
	 * Every k-th triple (k chosen so that at most {@code maxSize} remain), with the
	 * weights scaled so that they sum to the same number of customers: the likelihood's
	 * landscape at a fraction of the cost, for a first search from several starts.
	 */
	CustomerHistories sample(int maxSize) {
		if (this.size <= maxSize) {
			return this;
		}
		int stride = (this.size + maxSize - 1) / maxSize;
		int m = (this.size + stride - 1) / stride;
		int[] sx = new int[m];
		int[] stx = new int[m];
		int[] st = new int[m];
		double[] sw = new double[m];
		double sampled = 0;
		for (int j = 0; j < m; j++) {
			int i = j * stride;
			sx[j] = this.x[i];
			stx[j] = this.days[this.txAt[i]];
			st[j] = this.days[this.tAt[i]];
			sw[j] = this.weight[i];
			sampled += sw[j];
		}
		double scale = customers() / sampled;
		for (int j = 0; j < m; j++) {
			sw[j] *= scale;
		}
		return new CustomerHistories(sx, stx, st, sw, this.unitDays);
	}

	/** x in the top 22 bits, recency and age days (below 2²¹ ≈ 5,700 years) below. */
	static long key(int x, int recencyDays, int ageDays) {
		return ((long) x << 42) | ((long) recencyDays << 21) | ageDays;
	}

	static int xOf(long key) {
		return (int) (key >>> 42);
	}

	static int recencyOf(long key) {
		return (int) ((key >>> 21) & 0x1F_FFFF);
	}

	static int ageOf(long key) {
		return (int) (key & 0x1F_FFFF);
	}

	double customers() {
		double sum = 0;
		for (double c : this.countOfX) {
			sum += c;
		}
		return sum;
	}

	private static int[] distinct(int[] values) {
		int[] sorted = values.clone();
		Arrays.sort(sorted);
		int n = 0;
		for (int i = 0; i < sorted.length; i++) {
			if (i == 0 || sorted[i] != sorted[n - 1]) {
				sorted[n++] = sorted[i];
			}
		}
		return Arrays.copyOf(sorted, n);
	}

	private static long[] distinct(long[] values) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		int n = 0;
		for (int i = 0; i < sorted.length; i++) {
			if (i == 0 || sorted[i] != sorted[n - 1]) {
				sorted[n++] = sorted[i];
			}
		}
		return Arrays.copyOf(sorted, n);
	}

}
