package io.mawasu.crm.web.cycles;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.mawasu.crm.analytics.KptBoard;
import io.mawasu.crm.analytics.KptBoards;
import io.mawasu.crm.analytics.KptCard;
import io.mawasu.crm.analytics.KptChange;
import io.mawasu.crm.web.audit.AuditLog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The KPT board of a cycle: every signed-in role writes, moves and votes on cards; the
 * author or a MANAGER/ADMIN deletes; MANAGER/ADMIN close the board; the facilitator (the
 * cycle's owner or a MANAGER/ADMIN) sets the phase. {@code /events} streams every change
 * as Server-Sent Events ({@code card} with the card JSON, {@code deleted} with its id,
 * {@code board} for phase, reveal and close).
 */
@RestController
class KptApiController {

	private static final Logger log = LoggerFactory.getLogger(KptApiController.class);

	/** An open stream ends after this; EventSource clients reconnect by themselves. */
	static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

	private final KptBoards boards;

	private final CycleUsers users;

	private final AuditLog audit;

	KptApiController(KptBoards boards, CycleUsers users, AuditLog audit) {
		this.boards = boards;
		this.users = users;
		this.audit = audit;
	}

	record CardRequest(@Nullable String column, @Nullable String text, @Nullable String actionOwner,
			@Nullable LocalDate actionDue) {
	}

	record GroupRequest(@Nullable Long onto, @Nullable String title) {
	}

	record PhaseRequest(@Nullable String phase, @Nullable Boolean silent, @Nullable Integer voteLimit,
			@Nullable Integer timerMinutes) {
	}

	@GetMapping("/api/cycles/{id}/kpt")
	KptBoard board(@PathVariable long id, Authentication user) {
		return this.boards.board(id, user.getName());
	}

	@PostMapping(path = "/api/cycles/{id}/kpt/cards", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<KptCard> add(@PathVariable long id, @RequestBody CardRequest request, Authentication user) {
		KptCard card = this.boards.addCard(id, request.column(), request.text(), user.getName());
		return ResponseEntity.created(URI.create("/api/kpt/cards/" + card.id())).body(card);
	}

	@PatchMapping(path = "/api/kpt/cards/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	KptCard edit(@PathVariable long id, @RequestBody CardRequest request, Authentication user) {
		return this.boards.editCard(id, request.column(), request.text(),
				this.users.require("actionOwner", request.actionOwner()), request.actionDue(), user.getName(),
				CycleUsers.moderator(user));
	}

	@DeleteMapping("/api/kpt/cards/{id}")
	ResponseEntity<Void> delete(@PathVariable long id, Authentication user) {
		this.boards.deleteCard(id, user.getName(), CycleUsers.moderator(user));
		this.audit.record("kpt.card.delete", "card:" + id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/kpt/cards/{id}/votes")
	KptCard vote(@PathVariable long id, Authentication user) {
		return this.boards.vote(id, user.getName());
	}

	@PostMapping(path = "/api/kpt/cards/{id}/group", consumes = MediaType.APPLICATION_JSON_VALUE)
	KptCard group(@PathVariable long id, @RequestBody GroupRequest request) {
		return this.boards.group(id, request.onto(), request.title());
	}

	@PostMapping(path = "/api/cycles/{id}/kpt/phase", consumes = MediaType.APPLICATION_JSON_VALUE)
	KptBoard phase(@PathVariable long id, @RequestBody PhaseRequest request, Authentication user) {
		return this.boards.phase(id, request.phase(), request.silent(), request.voteLimit(), request.timerMinutes(),
				user.getName(), CycleUsers.moderator(user));
	}

	@PostMapping("/api/cycles/{id}/kpt/reveal")
	KptBoard reveal(@PathVariable long id, Authentication user) {
		return this.boards.reveal(id, user.getName(), CycleUsers.moderator(user));
	}

	@PostMapping("/api/cycles/{id}/kpt/close")
	@PreAuthorize("hasAnyRole('ADMIN', 'MANAGER')")
	KptBoard close(@PathVariable long id, Authentication user) {
		KptBoard board = this.boards.close(id, user.getName());
		this.audit.record("kpt.close", "cycle:" + id);
		return board;
	}

	@GetMapping(path = "/api/cycles/{id}/kpt/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events(@PathVariable long id, Authentication user) throws IOException {
		return stream(this.boards, id, user.getName());
	}

	/**
	 * An SSE stream of the board's changes: {@code open} first (so the client knows it is
	 * connected), then one event per change, until the client leaves or the timeout.
	 */
	static SseEmitter stream(KptBoards boards, long cycleId, String viewer) throws IOException {
		SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
		AtomicReference<@Nullable AutoCloseable> subscription = new AtomicReference<>();
		Runnable unsubscribe = () -> {
			AutoCloseable handle = subscription.getAndSet(null);
			if (handle != null) {
				try {
					handle.close();
				}
				catch (Exception ex) {
					log.debug("Closing a KPT subscription failed", ex);
				}
			}
		};
		subscription.set(boards.subscribe(cycleId, viewer, (change) -> {
			try {
				Object data = (change.card() != null) ? change.card()
						: Map.of("id", change.cardId(), "cycleId", change.cycleId());
				emitter.send(SseEmitter.event().name(change.type()).data(data, MediaType.APPLICATION_JSON));
			}
			catch (IOException | IllegalStateException ex) {
				unsubscribe.run();
				emitter.completeWithError(ex);
			}
		}));
		emitter.onCompletion(unsubscribe);
		emitter.onTimeout(unsubscribe);
		emitter.onError((ex) -> unsubscribe.run());
		emitter.send(SseEmitter.event().name("open").data(Map.of("cycleId", cycleId), MediaType.APPLICATION_JSON));
		return emitter;
	}

}
