package io.mawasu.crm.web.tracking;

import java.util.LinkedHashMap;
import java.util.Map;

import io.mawasu.crm.delivery.InvalidSignature;
import io.mawasu.crm.delivery.LineWebhook;
import io.mawasu.crm.delivery.SmsWebhook;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Providers' webhooks. The signature is checked over what the provider signed: LINE's
 * over the raw body bytes, the SMS provider's over the public webhook URL and the POST
 * parameters. A bad signature is a 401 problem and changes nothing.
 */
@RestController
class WebhookController {

	private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

	private final LineWebhook line;

	private final SmsWebhook sms;

	WebhookController(LineWebhook line, SmsWebhook sms) {
		this.line = line;
		this.sms = sms;
	}

	@PostMapping("/webhooks/line")
	ResponseEntity<Void> line(@RequestBody(required = false) byte @Nullable [] body,
			@RequestHeader(name = "X-Line-Signature", required = false) @Nullable String signature) {
		this.line.handle((body != null) ? body : new byte[0], signature);
		return ResponseEntity.ok().build();
	}

	@PostMapping("/webhooks/sms")
	ResponseEntity<String> sms(@RequestParam MultiValueMap<String, String> params,
			@RequestHeader(name = "X-Twilio-Signature", required = false) @Nullable String signature) {
		Map<String, String> first = new LinkedHashMap<>();
		params.forEach((name, values) -> first.put(name, values.isEmpty() ? "" : values.get(0)));
		this.sms.handle(this.sms.url(), first, signature);
		return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body("<Response/>");
	}

	@ExceptionHandler(InvalidSignature.class)
	ResponseEntity<ProblemDetail> invalidSignature(InvalidSignature ex) {
		log.warn("Rejected a webhook request: {}", ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, ex.getMessage());
		problem.setTitle("Invalid signature");
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
