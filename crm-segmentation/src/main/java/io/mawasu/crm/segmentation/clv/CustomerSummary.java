package io.mawasu.crm.segmentation.clv;

import java.util.Arrays;

/**
 * Each modelled customer's purchase history up to calibrationEnd as parallel arrays:
 * internal id, x = purchase days − 1, recency days (first to last purchase day), age days
 * (first purchase day to calibrationEnd) and the mean spend of the repeat days (NaN for x
 * = 0).
 */
public final class CustomerSummary {

	long[] customerId = new long[1024];

	int[] x = new int[1024];

	int[] recencyDays = new int[1024];

	int[] ageDays = new int[1024];

	double[] spend = new double[1024];

	int size;

	void add(long id, int frequency, int recency, int age, double meanSpend) {
		if (this.size == this.customerId.length) {
			int capacity = this.size * 2;
			this.customerId = Arrays.copyOf(this.customerId, capacity);
			this.x = Arrays.copyOf(this.x, capacity);
			this.recencyDays = Arrays.copyOf(this.recencyDays, capacity);
			this.ageDays = Arrays.copyOf(this.ageDays, capacity);
			this.spend = Arrays.copyOf(this.spend, capacity);
		}
		this.customerId[this.size] = id;
		this.x[this.size] = frequency;
		this.recencyDays[this.size] = recency;
		this.ageDays[this.size] = age;
		this.spend[this.size] = meanSpend;
		this.size++;
	}

	public int size() {
		return this.size;
	}

}
