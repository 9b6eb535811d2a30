package io.mawasu.crm.web.journey;

import java.time.LocalDate;
import java.util.Locale;

import io.mawasu.crm.analytics.InvalidJourneyDate;
import io.mawasu.crm.analytics.JourneyMap;
import io.mawasu.crm.analytics.JourneyMoves;
import io.mawasu.crm.analytics.Journeys;
import io.mawasu.crm.web.InteractiveQueries;
import io.mawasu.crm.web.api.ApiProblems;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer journey as JSON (issue 11): the map on a day and the moves between two
 * days, dates in the shop's zone. ADMIN, MARKETER, ANALYST, MANAGER
 * (SecurityConfiguration). Both run with the interactive statement timeout; a day in the
 * future, before 1900, or a move that is not forwards or spans more than ten years is a
 * 400 naming the parameter.
 */
@RestController
@RequestMapping(path = "/api/journey", produces = MediaType.APPLICATION_JSON_VALUE)
class JourneyApiController {

	private final Journeys journeys;

	private final InteractiveQueries interactive;

	private final MessageSource messages;

	JourneyApiController(Journeys journeys, InteractiveQueries interactive, MessageSource messages) {
		this.journeys = journeys;
		this.interactive = interactive;
		this.messages = messages;
	}

	@GetMapping
	JourneyMap map(@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate at) {
		LocalDate day = (at != null) ? at : this.journeys.today();
		return this.interactive.run(() -> this.journeys.map(day));
	}

	@GetMapping("/moves")
	JourneyMoves moves(@RequestParam @DateTimeFormat(iso = ISO.DATE) LocalDate from,
			@RequestParam @DateTimeFormat(iso = ISO.DATE) LocalDate to) {
		return this.interactive.run(() -> this.journeys.moves(from, to));
	}

	@ExceptionHandler(InvalidJourneyDate.class)
	ResponseEntity<ProblemDetail> invalid(InvalidJourneyDate ex, Locale locale) {
		String message = this.messages.getMessage(ex.code(), ex.arguments(), ex.getMessage(), locale);
		return ResponseEntity.badRequest()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ApiProblems.forField(HttpStatus.BAD_REQUEST, ex.parameter(), message));
	}

}
