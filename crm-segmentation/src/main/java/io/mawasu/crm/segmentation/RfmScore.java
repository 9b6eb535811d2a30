package io.mawasu.crm.segmentation;

import java.math.BigDecimal;

/**
 * A customer's RFM values and scores in one run.
 *
 * @param recencyDays calendar days (shop zone) from the last order with a positive amount
 * to the as-of date
 * @param frequency the number of orders with a positive amount
 * @param monetary the sum of all order amounts (returns, as negative amounts, reduce it)
 * @param r recency score 1-5 (5 = most recent)
 * @param f frequency score 1-5
 * @param m monetary score 1-5
 * @param segment the named segment's code
 */
public record RfmScore(int recencyDays, int frequency, BigDecimal monetary, int r, int f, int m, String segment) {

}
