package io.mawasu.crm.web.clv;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.mawasu.crm.segmentation.ClvDistribution;
import io.mawasu.crm.segmentation.ClvFit;
import io.mawasu.crm.segmentation.ClvFitAlreadyRunning;
import io.mawasu.crm.segmentation.ClvFitRequest;
import io.mawasu.crm.segmentation.ClvFits;
import io.mawasu.crm.segmentation.ClvTimeUnit;
import io.mawasu.crm.segmentation.InvalidClvRequest;
import io.mawasu.crm.web.audit.AuditLog;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The CLV page: fit (the button posts with htmx and shows progress while the fit runs in
 * the request), the parameters, the calibration/holdout check, the spread of P(alive) and
 * CLV, and the top customers. ADMIN, MARKETER, ANALYST.
 */
@Controller
class ClvController {

	static final String VIEW = "clv/index";

	static final String ERROR_VIEW = "clv/index :: fitError";

	private final ClvFits fits;

	private final AuditLog auditLog;

	ClvController(ClvFits fits, AuditLog auditLog) {
		this.fits = fits;
		this.auditLog = auditLog;
	}

	@GetMapping("/clv")
	String page(Model model) {
		ClvFit fit = this.fits.latest().orElse(null);
		model.addAttribute("fit", fit);
		if (fit != null && this.fits.hasPredictions(fit.id())) {
			ClvDistribution distribution = this.fits.distribution(fit, 20);
			model.addAttribute("distribution", distribution);
			List<Integer> weeks = new ArrayList<>();
			List<Double> predicted = new ArrayList<>();
			for (int w = 0; w < distribution.holdoutPredicted().size(); w++) {
				weeks.add(w + 1);
				predicted.add(Math.round(distribution.holdoutPredicted().get(w) * 10) / 10.0);
			}
			// plain lists: Thymeleaf's JavaScript serialiser does not read record
			// components
			model.addAttribute("holdoutWeeks", weeks);
			model.addAttribute("holdoutPredicted", predicted);
			model.addAttribute("holdoutActual", distribution.holdoutActual());
			List<String> clvBins = new ArrayList<>();
			for (int b = 0; b < distribution.clvCounts().size(); b++) {
				clvBins.add(Math.round(b * distribution.clvBinWidth()) + "–"
						+ Math.round((b + 1) * distribution.clvBinWidth()));
			}
			model.addAttribute("clvBins", clvBins);
		}
		return VIEW;
	}

	/**
	 * Fits now; htmx swaps in the error, or reloads the page on success. Bounded by
	 * {@code crm.segmentation.clv-timeout}.
	 */
	@PostMapping("/clv/fits")
	String fit(
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate calibrationEnd,
			@RequestParam(required = false) @Nullable ClvTimeUnit timeUnit,
			@RequestParam(required = false) @Nullable Integer horizon,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model,
			HttpServletResponse response) {
		try {
			ClvFit fit = this.fits.fit(new ClvFitRequest(calibrationEnd, timeUnit, horizon));
			this.auditLog.record("FIT_CLV", "fit " + fit.id());
			if (htmx == null) {
				return "redirect:/clv";
			}
			// htmx loads the page anew (a 302 would be followed inside the XHR instead)
			response.setHeader("HX-Redirect", "/clv");
			return ERROR_VIEW;
		}
		catch (InvalidClvRequest | ClvFitAlreadyRunning ex) {
			model.addAttribute("error", ex.getMessage());
			return ERROR_VIEW;
		}
	}

}
