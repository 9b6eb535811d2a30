package io.mawasu.crm.web.cycles;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mawasu.crm.analytics.CycleConflict;
import io.mawasu.crm.analytics.CycleView;
import io.mawasu.crm.analytics.Cycles;
import io.mawasu.crm.analytics.Decision;
import io.mawasu.crm.analytics.InvalidCycle;
import io.mawasu.crm.analytics.KptBoard;
import io.mawasu.crm.analytics.KptBoards;
import io.mawasu.crm.analytics.KptCard;
import io.mawasu.crm.analytics.KptColumn;
import io.mawasu.crm.analytics.NotAllowed;
import io.mawasu.crm.analytics.Stage;
import io.mawasu.crm.analytics.UnknownCycle;
import io.mawasu.crm.web.audit.AuditLog;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Act pages: the manager's dashboard {@code /cycles} (every cycle on its P-D-C-A
 * track, stalls with what unblocks them), the cycle page with its Plan / Do / Check / Act
 * tabs (opening Check records a review), the live KPT board, and the fragment of what
 * needs the signed-in user that the home page loads.
 */
@Controller
class CycleController {

	static final String LIST = "cycles/list";

	static final String DETAIL = "cycles/detail";

	static final String BOARD = "cycles/kpt";

	static final String BOARD_FRAGMENT = "cycles/fragments :: board";

	static final String AGENDA_FRAGMENT = "cycles/fragments :: todo";

	static final Set<String> TABS = Set.of("plan", "do", "check", "act");

	private final Cycles cycles;

	private final KptBoards boards;

	private final CycleUsers users;

	private final AuditLog audit;

	private final SummarySheet sheet;

	private final Clock clock;

	CycleController(Cycles cycles, KptBoards boards, CycleUsers users, AuditLog audit, SummarySheet sheet,
			ObjectProvider<Clock> clock) {
		this.sheet = sheet;
		this.cycles = cycles;
		this.boards = boards;
		this.users = users;
		this.audit = audit;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/** A cycle on the dashboard with the whole days it has waited in its stage. */
	record Row(CycleView cycle, long daysInStage) {

		public int position() {
			return this.cycle.stage().ordinal();
		}

	}

	@GetMapping("/cycles")
	String list(Model model) {
		model.addAttribute("rows", this.cycles.list(false, null).stream().map(this::row).toList());
		model.addAttribute("stages", List.of(Stage.PLAN, Stage.DO, Stage.CHECK, Stage.ACT));
		return LIST;
	}

	@GetMapping("/cycles/todo")
	String todo(Model model, Authentication user) {
		model.addAttribute("todo", this.cycles.todo(user.getName()));
		return AGENDA_FRAGMENT;
	}

	@GetMapping("/cycles/{id}")
	String detail(@PathVariable long id, @RequestParam(defaultValue = "plan") String tab, Model model,
			Authentication user) {
		String shown = TABS.contains(tab) ? tab : "plan";
		if ("check".equals(shown)) {
			this.cycles.reviewIfLaunched(id, user.getName());
		}
		CycleView cycle = this.cycles.find(id).orElseThrow(() -> UnknownCycle.cycle(id));
		model.addAttribute("row", row(cycle));
		model.addAttribute("cycle", cycle);
		model.addAttribute("tab", shown);
		model.addAttribute("stages", List.of(Stage.PLAN, Stage.DO, Stage.CHECK, Stage.ACT));
		model.addAttribute("decisions", Decision.values());
		return DETAIL;
	}

	@PostMapping("/cycles/{id}/approve")
	@PreAuthorize("hasAnyRole('ADMIN', 'MANAGER')")
	String approve(@PathVariable long id, Authentication user, RedirectAttributes redirect) {
		attempt(redirect, () -> {
			this.cycles.approve(id, user.getName());
			this.audit.record("cycle.approve", "cycle:" + id);
		});
		return "redirect:/cycles/" + id + "?tab=plan";
	}

	@PostMapping("/cycles/{id}/decisions")
	@PreAuthorize("hasAnyRole('ADMIN', 'MANAGER')")
	String decide(@PathVariable long id, @RequestParam long scenarioId, @RequestParam String decision,
			@RequestParam(required = false) @Nullable String reason,
			@RequestParam(defaultValue = "false") boolean confirm, Authentication user, RedirectAttributes redirect) {
		attempt(redirect, () -> {
			Decision chosen = CycleApiController.decision(decision);
			this.cycles.decide(id, scenarioId, chosen, reason, confirm, user.getName());
			this.audit.record("cycle.decide." + chosen.name().toLowerCase(), "cycle:" + id + " scenario:" + scenarioId);
		});
		return "redirect:/cycles/" + id + "?tab=act";
	}

	@PostMapping("/cycles/{id}/next")
	@PreAuthorize("hasAnyRole('ADMIN', 'MANAGER')")
	String next(@PathVariable long id, Authentication user, RedirectAttributes redirect) {
		try {
			CycleView next = this.cycles.next(id, user.getName());
			this.audit.record("cycle.next", "cycle:" + id + " next:" + next.id());
			return "redirect:/cycles/" + next.id();
		}
		catch (InvalidCycle | CycleConflict | NotAllowed ex) {
			redirect.addFlashAttribute("failure", ex.getMessage());
			return "redirect:/cycles/" + id + "?tab=act";
		}
	}

	/** The print page of the one-page summary (the PDF's template, without the PDF). */
	@GetMapping("/cycles/{id}/summary")
	String summary(@PathVariable long id, Model model, Authentication user) {
		CycleView cycle = this.cycles.find(id).orElseThrow(() -> UnknownCycle.cycle(id));
		model.addAllAttributes(this.sheet.model(cycle, user.getName()));
		model.addAttribute("pdf", false);
		return SummarySheet.TEMPLATE;
	}

	@GetMapping("/cycles/{id}/kpt")
	String board(@PathVariable long id, Model model, Authentication user) {
		CycleView cycle = this.cycles.find(id).orElseThrow(() -> UnknownCycle.cycle(id));
		model.addAttribute("cycle", cycle);
		boardModel(model, id, user, null);
		return BOARD;
	}

	@GetMapping("/cycles/{id}/kpt/board")
	String boardFragment(@PathVariable long id, Model model, Authentication user) {
		boardModel(model, id, user, null);
		return BOARD_FRAGMENT;
	}

	@PostMapping("/cycles/{id}/kpt/cards")
	String addCard(@PathVariable long id, @RequestParam(required = false) @Nullable String column,
			@RequestParam(required = false) @Nullable String text, Model model, Authentication user) {
		return boardAction(model, id, user, () -> this.boards.addCard(id, column, text, user.getName()));
	}

	@PostMapping("/cycles/{id}/kpt/cards/{cardId}/vote")
	String vote(@PathVariable long id, @PathVariable long cardId, Model model, Authentication user) {
		return boardAction(model, id, user, () -> this.boards.vote(card(id, cardId).id(), user.getName()));
	}

	@PostMapping("/cycles/{id}/kpt/cards/{cardId}/move")
	String move(@PathVariable long id, @PathVariable long cardId, @RequestParam String column, Model model,
			Authentication user) {
		return boardAction(model, id, user, () -> this.boards.editCard(card(id, cardId).id(), column, null, null, null,
				user.getName(), CycleUsers.moderator(user)));
	}

	@PostMapping("/cycles/{id}/kpt/cards/{cardId}/delete")
	String deleteCard(@PathVariable long id, @PathVariable long cardId, Model model, Authentication user) {
		return boardAction(model, id, user, () -> {
			this.boards.deleteCard(card(id, cardId).id(), user.getName(), CycleUsers.moderator(user));
			this.audit.record("kpt.card.delete", "card:" + cardId);
		});
	}

	@PostMapping("/cycles/{id}/kpt/cards/{cardId}/group")
	String group(@PathVariable long id, @PathVariable long cardId, @RequestParam(required = false) @Nullable Long onto,
			@RequestParam(required = false) @Nullable String title, Model model, Authentication user) {
		return boardAction(model, id, user, () -> this.boards.group(card(id, cardId).id(), onto,
				(title == null || title.isBlank()) ? null : title));
	}

	@PostMapping("/cycles/{id}/kpt/cards/{cardId}/action")
	String action(@PathVariable long id, @PathVariable long cardId,
			@RequestParam(required = false) @Nullable String owner,
			@RequestParam(required = false) @Nullable LocalDate due, Model model, Authentication user) {
		return boardAction(model, id, user,
				() -> this.boards.editCard(card(id, cardId).id(), null, null,
						this.users.require("actionOwner", (owner == null || owner.isBlank()) ? null : owner), due,
						user.getName(), CycleUsers.moderator(user)));
	}

	@PostMapping("/cycles/{id}/kpt/phase")
	String phase(@PathVariable long id, @RequestParam(required = false) @Nullable String phase,
			@RequestParam(required = false) @Nullable Boolean silent,
			@RequestParam(required = false) @Nullable Integer voteLimit,
			@RequestParam(required = false) @Nullable Integer timerMinutes, Model model, Authentication user) {
		return boardAction(model, id, user, () -> this.boards.phase(id, phase, silent, voteLimit, timerMinutes,
				user.getName(), CycleUsers.moderator(user)));
	}

	@PostMapping("/cycles/{id}/kpt/reveal")
	String reveal(@PathVariable long id, Model model, Authentication user) {
		return boardAction(model, id, user, () -> this.boards.reveal(id, user.getName(), CycleUsers.moderator(user)));
	}

	@PostMapping("/cycles/{id}/kpt/close")
	@PreAuthorize("hasAnyRole('ADMIN', 'MANAGER')")
	String close(@PathVariable long id, Model model, Authentication user) {
		return boardAction(model, id, user, () -> {
			this.boards.close(id, user.getName());
			this.audit.record("kpt.close", "cycle:" + id);
		});
	}

	private KptCard card(long cycleId, long cardId) {
		return this.boards.card(cardId)
			.filter((card) -> card.cycleId() == cycleId)
			.orElseThrow(() -> UnknownCycle.card(cardId));
	}

	private String boardAction(Model model, long id, Authentication user, Runnable action) {
		String failure = null;
		try {
			action.run();
		}
		catch (InvalidCycle | CycleConflict | NotAllowed ex) {
			failure = ex.getMessage();
		}
		boardModel(model, id, user, failure);
		return BOARD_FRAGMENT;
	}

	private void boardModel(Model model, long id, Authentication user, @Nullable String failure) {
		KptBoard board = this.boards.board(id, user.getName());
		model.addAttribute("board", board);
		model.addAttribute("columns", KptColumn.values());
		model.addAttribute("cardsByColumn", Map.of(KptColumn.KEEP, cards(board, KptColumn.KEEP), KptColumn.PROBLEM,
				cards(board, KptColumn.PROBLEM), KptColumn.TRY, cards(board, KptColumn.TRY)));
		model.addAttribute("moderator", CycleUsers.moderator(user));
		model.addAttribute("me", user.getName());
		model.addAttribute("failure", failure);
		Long secondsLeft = (board.discussionEndsAt() != null)
				? Math.max(0, Duration.between(this.clock.instant(), board.discussionEndsAt()).toSeconds()) : null;
		model.addAttribute("secondsLeft", secondsLeft);
		model.addAttribute("timerText",
				(secondsLeft != null) ? "%d:%02d".formatted(secondsLeft / 60, secondsLeft % 60) : null);
	}

	private static List<KptCard> cards(KptBoard board, KptColumn column) {
		return board.cards().stream().filter((card) -> card.column() == column).toList();
	}

	private void attempt(RedirectAttributes redirect, Runnable action) {
		try {
			action.run();
		}
		catch (InvalidCycle | CycleConflict | NotAllowed ex) {
			redirect.addFlashAttribute("failure", ex.getMessage());
		}
	}

	private Row row(CycleView cycle) {
		Instant since = cycle.stageSince();
		return new Row(cycle, Math.max(0, Duration.between(since, this.clock.instant()).toDays()));
	}

}
