package io.mawasu.crm.web.rfm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.mawasu.crm.domain.customer.ShopProperties;
import io.mawasu.crm.segmentation.InvalidRfmRequest;
import io.mawasu.crm.segmentation.RfmDistribution;
import io.mawasu.crm.segmentation.RfmGridCell;
import io.mawasu.crm.segmentation.RfmMethod;
import io.mawasu.crm.segmentation.RfmRun;
import io.mawasu.crm.segmentation.RfmRunAlreadyRunning;
import io.mawasu.crm.segmentation.RfmRunStatus;
import io.mawasu.crm.segmentation.RfmRuns;
import io.mawasu.crm.segmentation.RfmSegment;
import io.mawasu.crm.segmentation.RfmSegments;
import io.mawasu.crm.web.JsonFormats;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The RFM page: the latest run's R &times; F heat map and segment table, the movement
 * between two runs, the runs, starting a run (in the background, its progress polled with
 * htmx) and the editable segment grid.
 */
@Controller
class RfmController {

	static final String VIEW = "rfm/index";

	static final String STATUS_VIEW = "rfm/index :: status";

	private final RfmRuns runs;

	private final RfmSegments segments;

	private final ShopProperties shop;

	private final MessageSource messages;

	private final RfmScoresCsv csv;

	private final JsonFormats json;

	RfmController(RfmRuns runs, RfmSegments segments, ShopProperties shop, MessageSource messages, RfmScoresCsv csv,
			JsonFormats json) {
		this.json = json;
		this.runs = runs;
		this.segments = segments;
		this.shop = shop;
		this.messages = messages;
		this.csv = csv;
	}

	@GetMapping("/rfm")
	String page(@RequestParam Optional<Long> from, @RequestParam Optional<Long> to,
			@RequestParam(defaultValue = "false") boolean fixedFrequency, Locale locale, Model model) {
		RfmView.Formats formats = new RfmView.Formats(locale, this.shop.currency(), this.shop.timeZone());
		String language = locale.getLanguage();
		List<RfmSegment> segmentList = this.segments.segments();
		RfmDistribution distribution = this.runs.latest().map(this.runs::distribution).orElse(null);
		List<RfmRun> recent = this.runs.recent(50);
		List<RfmView.RunRow> done = recent.stream()
			.filter((run) -> run.status() == RfmRunStatus.DONE)
			.map((run) -> RfmView.run(run, formats))
			.toList();
		RfmView.Movement movement = null;
		if (from.isPresent() && to.isPresent()) {
			movement = RfmView.movement(this.runs.movement(from.get(), to.get()), segmentList, language,
					this.messages.getMessage("rfm.movement.notScored", null, locale), formats);
		}
		List<RfmView.Option> options = segmentList.stream()
			.map((segment) -> new RfmView.Option(segment.code(), segment.name(language)))
			.toList();
		RfmView view = new RfmView((distribution != null) ? RfmView.summary(distribution, formats) : null,
				(distribution != null) ? RfmView.heatmap(distribution) : List.of(),
				(distribution != null) ? RfmView.segments(distribution, language, formats) : List.of(),
				recent.stream().limit(20).map((run) -> RfmView.run(run, formats)).toList(), done, movement,
				RfmView.grid(this.segments.grid()), options);
		model.addAttribute("view", view);
		model.addAttribute("heatmapJson", this.json.write(view.heatmap()));
		model.addAttribute("emptyFrequencyScores",
				(distribution != null && "QUANTILE".equals(RfmView.methodKey(distribution.run())))
						? RfmView.emptyFrequencyScores(view.heatmap()) : List.of());
		model.addAttribute("running", this.runs.running().map((run) -> RfmView.run(run, formats)).orElse(null));
		if (!model.containsAttribute("form")) {
			RfmForm form = new RfmForm();
			form.setFixedFrequency(fixedFrequency);
			model.addAttribute("form", form);
		}
		model.addAttribute("defaultFrom", (done.size() > 1) ? done.get(1).id() : null);
		model.addAttribute("defaultTo", done.isEmpty() ? null : done.get(0).id());
		return VIEW;
	}

	/** Polled by htmx while a run is RUNNING; asks for a page reload once it is not. */
	@GetMapping("/rfm/status")
	String status(Locale locale, Model model, HttpServletResponse response) {
		RfmView.Formats formats = new RfmView.Formats(locale, this.shop.currency(), this.shop.timeZone());
		RfmView.@Nullable RunRow running = this.runs.running().map((run) -> RfmView.run(run, formats)).orElse(null);
		if (running == null) {
			response.setHeader("HX-Refresh", "true");
		}
		model.addAttribute("running", running);
		return STATUS_VIEW;
	}

	@PostMapping("/rfm/runs")
	@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
	String start(@ModelAttribute("form") RfmForm form, Locale locale, RedirectAttributes redirect) {
		try {
			RfmRun run = this.runs.startInBackground(form.toRequest());
			redirect.addFlashAttribute("message",
					this.messages.getMessage("rfm.run.started", new Object[] { run.id() }, locale));
		}
		catch (InvalidRfmRequest | RfmRunAlreadyRunning ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			redirect.addFlashAttribute("form", form);
		}
		return "redirect:/rfm";
	}

	@GetMapping("/rfm/runs/{id}/scores.csv")
	void scores(@PathVariable long id, HttpServletResponse response) throws IOException {
		this.csv.write(id, response);
	}

	@PostMapping("/rfm/grid")
	@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
	String updateGrid(@RequestParam Map<String, String> params, Locale locale, RedirectAttributes redirect) {
		List<RfmGridCell> cells = new ArrayList<>();
		for (int r = 1; r <= 5; r++) {
			for (int fm = 1; fm <= 5; fm++) {
				String segment = params.get("cell-" + r + "-" + fm);
				if (segment != null) {
					cells.add(new RfmGridCell(r, fm, segment));
				}
			}
		}
		try {
			this.segments.updateGrid(cells);
			redirect.addFlashAttribute("message", this.messages.getMessage("rfm.grid.saved", null, locale));
		}
		catch (InvalidRfmRequest ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/rfm";
	}

}
