package io.mawasu.crm.web.clv;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.mawasu.crm.segmentation.ClvFit;
import io.mawasu.crm.segmentation.ClvTimeUnit;
import org.jspecify.annotations.Nullable;

/** A CLV fit as the API returns it (DESIGN.md §4 style, issue 11's contract). */
record ClvFitBody(long id, LocalDate calibrationEnd, ClvTimeUnit timeUnit, int horizon, int customers, int repeaters,
		Bgnbd bgnbd, @Nullable GammaGamma gammaGamma, Instant createdAt, List<String> boundary) {

	record Bgnbd(double r, double alpha, double a, double b, double logLikelihood) {
	}

	record GammaGamma(double p, double q, double gamma, double logLikelihood) {
	}

	static ClvFitBody of(ClvFit fit) {
		ClvFit.BgNbdParameters bg = fit.bgnbd();
		ClvFit.GammaGammaParameters gg = fit.gammaGamma();
		return new ClvFitBody(fit.id(), fit.calibrationEnd(), fit.timeUnit(), fit.horizon(), fit.customers(),
				fit.repeaters(), new Bgnbd(bg.r(), bg.alpha(), bg.a(), bg.b(), bg.logLikelihood()),
				(gg != null) ? new GammaGamma(gg.p(), gg.q(), gg.gamma(), gg.logLikelihood()) : null, fit.createdAt(),
				fit.boundary());
	}

}
