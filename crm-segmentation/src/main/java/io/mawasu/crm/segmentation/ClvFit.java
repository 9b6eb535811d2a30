package io.mawasu.crm.segmentation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A finished CLV fit: the BG/NBD parameters over {@code customers} (everyone with a
 * purchase by {@code calibrationEnd}) and the Gamma-Gamma parameters over the
 * {@code repeaters} ({@code null} when fewer than two repeaters had a positive spend).
 *
 * @param holdoutPredicted predicted cumulative repeat purchases of these customers in
 * weeks 1..n after calibrationEnd
 * @param boundary the parameters whose maximum-likelihood value lies at 0 or ∞, as
 * {@code "a → 0"} (no dropout in the data) or {@code "q → ∞"}; empty when every maximum
 * is inside
 */
public record ClvFit(long id, LocalDate calibrationEnd, ClvTimeUnit timeUnit, int horizon, int customers, int repeaters,
		BgNbdParameters bgnbd, @Nullable GammaGammaParameters gammaGamma, Instant createdAt,
		List<Double> holdoutPredicted, List<String> boundary) {

	public record BgNbdParameters(double r, double alpha, double a, double b, double logLikelihood) {
	}

	public record GammaGammaParameters(double p, double q, double gamma, double logLikelihood) {
	}

}
