package io.mawasu.crm.web.tracking;

import java.util.Base64;

import io.mawasu.crm.delivery.Tracking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * The open pixel and click redirects of sent messages. The pixel is always a 200 GIF, so
 * nobody learns from it whether a token is genuine; a click goes only to a link of the
 * message's own content, anything else is a 404 page.
 */
@Controller
class TrackingController {

	static final String UNKNOWN_LINK_VIEW = "tracking/unknown-link";

	// A 1×1 transparent GIF.
	static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

	private static final Logger log = LoggerFactory.getLogger(TrackingController.class);

	private final Tracking tracking;

	TrackingController(Tracking tracking) {
		this.tracking = tracking;
	}

	@GetMapping("/t/o/{token}")
	ResponseEntity<byte[]> open(@PathVariable String token) {
		try {
			this.tracking.open(token);
		}
		catch (RuntimeException ex) {
			log.warn("Could not record an open", ex);
		}
		return ResponseEntity.ok()
			.contentType(MediaType.IMAGE_GIF)
			.cacheControl(CacheControl.noStore())
			.body(PIXEL.clone());
	}

	@GetMapping("/t/c/{token}")
	Object click(@PathVariable String token, Model model) {
		return this.tracking.click(token)
			.<Object>map((uri) -> ResponseEntity.status(HttpStatus.FOUND)
				.header(HttpHeaders.LOCATION, uri.toASCIIString())
				.cacheControl(CacheControl.noStore())
				.build())
			.orElseGet(() -> {
				ModelAndView page = new ModelAndView(UNKNOWN_LINK_VIEW);
				page.setStatus(HttpStatus.NOT_FOUND);
				return page;
			});
	}

}
