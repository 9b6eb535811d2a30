package io.mawasu.crm.web.tracking;

import io.mawasu.crm.delivery.Tracking;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The unsubscribe link of a message: GET shows a confirmation (so link scanners that
 * fetch every URL unsubscribe nobody), POST does it, both from the page's button and as
 * RFC 8058 one-click ({@code List-Unsubscribe=One-Click} posted by the mail client).
 */
@Controller
class UnsubscribeController {

	static final String CONFIRM_VIEW = "unsubscribe/confirm";

	static final String DONE_VIEW = "unsubscribe/done";

	static final String INVALID_VIEW = "unsubscribe/invalid";

	private final Tracking tracking;

	UnsubscribeController(Tracking tracking) {
		this.tracking = tracking;
	}

	@GetMapping("/u/{token}")
	ModelAndView confirm(@PathVariable String token) {
		return this.tracking.unsubscribeTarget(token).map((target) -> {
			ModelAndView page = new ModelAndView(CONFIRM_VIEW);
			page.addObject("token", token);
			page.addObject("target", target);
			return page;
		}).orElseGet(UnsubscribeController::invalid);
	}

	@PostMapping("/u/{token}")
	ModelAndView unsubscribe(@PathVariable String token) {
		return this.tracking.unsubscribeTarget(token)
			.filter((target) -> this.tracking.unsubscribe(token))
			.map((target) -> {
				ModelAndView page = new ModelAndView(DONE_VIEW);
				page.addObject("target", target);
				return page;
			})
			.orElseGet(UnsubscribeController::invalid);
	}

	private static ModelAndView invalid() {
		ModelAndView page = new ModelAndView(INVALID_VIEW);
		page.setStatus(HttpStatus.NOT_FOUND);
		return page;
	}

}
