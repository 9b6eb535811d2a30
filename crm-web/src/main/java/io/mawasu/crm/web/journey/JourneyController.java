package io.mawasu.crm.web.journey;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.mawasu.crm.analytics.InvalidJourneyDate;
import io.mawasu.crm.analytics.JourneyMap;
import io.mawasu.crm.analytics.JourneyMoves;
import io.mawasu.crm.analytics.Journeys;
import io.mawasu.crm.segmentation.JourneyProperties;
import io.mawasu.crm.segmentation.JourneyStage;
import io.mawasu.crm.web.DisplayFormats;
import io.mawasu.crm.web.InteractiveQueries;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The journey page: stages across, affinity levels up (highest on top), customers and
 * share per cell on a colour scale, the day to draw it for, and the moves between two
 * days. A cell opens the segment builder pre-filled with
 * {@code journeyStage eq X and affinity eq Y} (for those who may build segments). ADMIN,
 * MARKETER, ANALYST, MANAGER. A refused day is shown next to its field and the page falls
 * back to today.
 */
@Controller
class JourneyController {

	static final String VIEW = "journey/index";

	/** How many from → to pairs the moves table lists. */
	static final int TOP_MOVES = 10;

	private final Journeys journeys;

	private final InteractiveQueries interactive;

	private final MessageSource messages;

	private final DisplayFormats formats;

	JourneyController(Journeys journeys, InteractiveQueries interactive, MessageSource messages,
			DisplayFormats formats) {
		this.journeys = journeys;
		this.interactive = interactive;
		this.messages = messages;
		this.formats = formats;
	}

	@GetMapping("/journey")
	String page(@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate at,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) @Nullable LocalDate to, Model model,
			Locale locale) {
		LocalDate today = this.journeys.today();
		LocalDate day = (at != null) ? at : today;
		JourneyMap map;
		try {
			map = this.interactive.run(() -> this.journeys.map(day));
		}
		catch (InvalidJourneyDate ex) {
			model.addAttribute("atError", message(ex, locale));
			map = this.interactive.run(() -> this.journeys.map(today));
		}
		JourneyView.Moves moves = null;
		if (from != null && to != null) {
			try {
				JourneyMoves found = this.interactive.run(() -> this.journeys.moves(from, to));
				moves = moves(found, locale);
			}
			catch (InvalidJourneyDate ex) {
				model.addAttribute("movesError", message(ex, locale));
				model.addAttribute("movesErrorField", ex.parameter());
			}
		}
		JourneyProperties rule = this.journeys.rule();
		model.addAttribute("view", view(map, moves, locale));
		model.addAttribute("at", map.at());
		model.addAttribute("today", today);
		model.addAttribute("from", (from != null) ? from : today.minusDays(30));
		model.addAttribute("to", (to != null) ? to : today);
		model.addAttribute("rule", rule);
		return VIEW;
	}

	private JourneyView view(JourneyMap map, JourneyView.@Nullable Moves moves, Locale locale) {
		long fullest = map.cells().stream().mapToLong(JourneyMap.Cell::customers).max().orElse(0);
		List<JourneyView.Row> rows = new ArrayList<>();
		for (int level = JourneyProperties.LEVELS; level >= 1; level--) {
			List<JourneyView.Cell> cells = new ArrayList<>();
			for (JourneyStage stage : map.stages()) {
				long customers = map.customers(stage, level);
				String stageLabel = text("journey.stage." + stage.name(), locale);
				String levelLabel = text("journey.level." + level, locale);
				int heat = (customers == 0 || fullest == 0) ? 0
						: (int) Math.max(1, Math.ceil(5.0 * customers / fullest));
				String share = (map.customers() == 0) ? "0%"
						: this.formats.number(100.0 * customers / map.customers(), 1) + "%";
				String rule = "{\"all\":[{\"field\":\"journeyStage\",\"op\":\"eq\",\"value\":\"" + stage.name()
						+ "\"},{\"field\":\"affinity\",\"op\":\"eq\",\"value\":" + level + "}]}";
				String name = this.messages.getMessage("journey.segmentName", new Object[] { stageLabel, levelLabel },
						locale);
				String description = this.messages.getMessage("journey.cell.description",
						new Object[] { stageLabel, levelLabel, customers, share }, locale);
				cells.add(new JourneyView.Cell(stage.name(), stageLabel, level, customers, share, heat, rule, name,
						description));
			}
			rows.add(new JourneyView.Row(level, text("journey.level." + level, locale), cells));
		}
		List<String> stages = map.stages().stream().map((s) -> text("journey.stage." + s.name(), locale)).toList();
		return new JourneyView(stages, rows, map.customers(), moves);
	}

	private JourneyView.Moves moves(JourneyMoves moves, Locale locale) {
		List<JourneyView.Move> top = moves.cells()
			.stream()
			.limit(TOP_MOVES)
			.map((m) -> new JourneyView.Move(text("journey.stage." + m.fromStage().name(), locale),
					text("journey.level." + m.fromAffinity(), locale),
					text("journey.stage." + m.toStage().name(), locale),
					text("journey.level." + m.toAffinity(), locale), m.customers()))
			.toList();
		return new JourneyView.Moves(moves.from().toString(), moves.to().toString(), moves.up(), moves.down(),
				moves.along(), moves.same(), moves.entered(), top);
	}

	private String message(InvalidJourneyDate ex, Locale locale) {
		return this.messages.getMessage(ex.code(), ex.arguments(), ex.getMessage(), locale);
	}

	private String text(String code, Locale locale) {
		return this.messages.getMessage(code, null, code, locale);
	}

}
