package io.mawasu.crm.segmentation.clv;

/**
 * The Gamma-Gamma model's data: repeaters' x (sorted ascending) and mean spend m̄, with
 * ln m̄ and ln x taken once here instead of at every likelihood evaluation.
 */
final class Repeaters {

	final int size;

	final int[] x;

	final double[] spend;

	final double[] logSpend;

	final double[] logX;

	/**
	 * @param x ascending, each &gt; 0, with spend[i] &gt; 0
	 */
	Repeaters(int[] x, double[] spend, int count) {
		this.size = count;
		this.x = x;
		this.spend = spend;
		this.logSpend = new double[count];
		this.logX = new double[count];
		for (int i = 0; i < count; i++) {
			this.logSpend[i] = Math.log(spend[i]);
			this.logX[i] = Math.log(x[i]);
		}
	}

	/**
	 * Every k-th repeater (at most {@code maxSize}; still sorted by x): the mean
	 * likelihood at a fraction of the cost, for a first search from several starts.
	 */
	Repeaters sample(int maxSize) {
		if (this.size <= maxSize) {
			return this;
		}
		int stride = (this.size + maxSize - 1) / maxSize;
		int m = (this.size + stride - 1) / stride;
		int[] sx = new int[m];
		double[] sm = new double[m];
		for (int j = 0; j < m; j++) {
			sx[j] = this.x[j * stride];
			sm[j] = this.spend[j * stride];
		}
		return new Repeaters(sx, sm, m);
	}

}
