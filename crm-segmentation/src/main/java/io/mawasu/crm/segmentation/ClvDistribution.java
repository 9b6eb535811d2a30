package io.mawasu.crm.segmentation;

import java.util.List;

/**
 * How a fit's customers spread: counts of P(alive) in ten bins of 0.1, counts of CLV in
 * bins of equal width from 0 to the largest CLV, the holdout check (predicted and actual
 * cumulative repeat purchases per week after calibrationEnd, actual only for weeks that
 * have passed) and the customers with the highest CLV.
 */
public record ClvDistribution(List<Long> pAliveCounts, double clvBinWidth, List<Long> clvCounts,
		List<Double> holdoutPredicted, List<Long> holdoutActual, List<ClvPrediction> top) {

}
