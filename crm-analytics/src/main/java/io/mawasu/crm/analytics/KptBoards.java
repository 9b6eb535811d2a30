package io.mawasu.crm.analytics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.mawasu.crm.analytics.kpt.KptQueries;
import io.mawasu.crm.analytics.kpt.KptQueries.BoardRow;
import io.mawasu.crm.analytics.kpt.KptRelay;
import io.mawasu.crm.analytics.pdca.CycleQueries;
import io.mawasu.crm.analytics.pdca.CycleRow;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * KPT retrospectives, one board per cycle: cards, moves, votes (once per person and card,
 * {@code voteLimit} per person and board), the facilitator's phases, and closing. Every
 * change is announced through PostgreSQL NOTIFY and pushed by each app instance to its
 * live subscribers ({@link #subscribe}).
 */
@Service
public class KptBoards {

	static final int MAX_CARD_TEXT = 1000;

	static final int MAX_GROUP_TITLE = 200;

	private final KptQueries queries;

	private final CycleQueries cycles;

	private final Clock clock;

	private final Map<Long, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();

	KptBoards(KptQueries queries, CycleQueries cycles, KptRelay relay, ObjectProvider<Clock> clock) {
		this.queries = queries;
		this.cycles = cycles;
		this.clock = clock.getIfUnique(Clock::systemUTC);
		relay.onNotification(this::relay);
	}

	/**
	 * The board as {@code viewer} sees it (hidden cards of others left out); during
	 * DISCUSSION the cards come in vote order.
	 */
	@Transactional(readOnly = true)
	public KptBoard board(long cycleId, String viewer) {
		cycle(cycleId);
		BoardRow board = this.queries.board(cycleId);
		List<KptCard> cards = this.queries.cards(cycleId).stream().filter((card) -> card.visibleTo(viewer)).toList();
		if (board.phase() == KptPhase.DISCUSSION) {
			cards = cards.stream()
				.sorted(Comparator.comparingInt(KptCard::votes).reversed().thenComparingLong(KptCard::id))
				.toList();
		}
		List<Long> mine = this.queries.votesOf(cycleId, viewer);
		return new KptBoard(cycleId, board.open(), board.phase(), board.silent(), board.voteLimit(),
				board.discussionEndsAt(), cards, mine, Math.max(0, board.voteLimit() - mine.size()));
	}

	@Transactional(readOnly = true)
	public Optional<KptCard> card(long cardId) {
		return this.queries.card(cardId);
	}

	/**
	 * Writes a card; during silent writing it stays hidden from the others until reveal.
	 */
	@Transactional
	public KptCard addCard(long cycleId, @Nullable String column, @Nullable String text, String author) {
		cycle(cycleId);
		KptColumn kptColumn = column(column);
		String body = Cycles.text("text", text, MAX_CARD_TEXT);
		BoardRow board = openBoard(cycleId);
		boolean hidden = board.silent() && board.phase() == KptPhase.WRITING;
		long id = this.queries.insertCard(cycleId, kptColumn, body, author, hidden, this.clock.instant());
		this.queries.notifyChange(cycleId, KptChange.CARD, id);
		return this.queries.card(id).orElseThrow();
	}

	/**
	 * Moves a card to another column (anyone), edits its text (its author or a
	 * moderator), or gives a TRY card an action owner (a user name the caller has
	 * checked) and due date. Null leaves a value as it is.
	 */
	@Transactional
	public KptCard editCard(long cardId, @Nullable String column, @Nullable String text, @Nullable String actionOwner,
			@Nullable LocalDate actionDue, String actor, boolean moderator) {
		KptCard card = existing(cardId);
		openBoard(card.cycleId());
		KptColumn kptColumn = (column != null) ? column(column) : card.column();
		String body = card.text();
		if (text != null) {
			if (!moderator && !card.author().equalsIgnoreCase(actor)) {
				throw new CycleConflict("Only the card's author (" + card.author()
						+ ") or a MANAGER or ADMIN may change its text; moving it is open to everyone");
			}
			body = Cycles.text("text", text, MAX_CARD_TEXT);
		}
		String owner = card.actionOwner();
		LocalDate due = card.actionDue();
		if (actionOwner != null || actionDue != null) {
			if (kptColumn != KptColumn.TRY) {
				throw new InvalidCycle((actionOwner != null) ? "actionOwner" : "actionDue",
						"only a TRY card becomes an action");
			}
			if (actionOwner != null) {
				owner = Cycles.text("actionOwner", actionOwner, Cycles.MAX_USERNAME);
			}
			if (actionDue != null) {
				if (actionDue.getYear() < 2000 || actionDue.getYear() > 2100) {
					throw new InvalidCycle("actionDue", "must lie between the years 2000 and 2100");
				}
				due = actionDue;
			}
		}
		this.queries.updateCard(cardId, kptColumn, body, owner, due, this.clock.instant());
		this.queries.notifyChange(card.cycleId(), KptChange.CARD, cardId);
		return existing(cardId);
	}

	/** Deletes a card (its author or a moderator). */
	@Transactional
	public void deleteCard(long cardId, String actor, boolean moderator) {
		KptCard card = existing(cardId);
		openBoard(card.cycleId());
		if (!moderator && !card.author().equalsIgnoreCase(actor)) {
			throw new CycleConflict(
					"Only the card's author (" + card.author() + ") or a MANAGER or ADMIN may delete it");
		}
		this.queries.deleteCard(cardId);
		this.queries.notifyChange(card.cycleId(), KptChange.DELETED, cardId);
	}

	/**
	 * Adds the voter's vote to the card: once per person (a repeat changes nothing), at
	 * most the board's vote limit per person.
	 */
	@Transactional
	public KptCard vote(long cardId, String voter) {
		KptCard card = existing(cardId);
		BoardRow board = openBoard(card.cycleId());
		if (this.queries.voted(cardId, voter)) {
			return card;
		}
		int used = this.queries.votesOf(card.cycleId(), voter).size();
		if (used >= board.voteLimit()) {
			throw new CycleConflict("You have used all " + board.voteLimit()
					+ " of your votes on this board; each person has that many, one per card");
		}
		this.queries.vote(cardId, card.cycleId(), voter, this.clock.instant());
		this.queries.notifyChange(card.cycleId(), KptChange.CARD, cardId);
		return existing(cardId);
	}

	/**
	 * Drops a card onto another: both end up in one group, titled when a title is given.
	 */
	@Transactional
	public KptCard group(long cardId, @Nullable Long ontoCardId, @Nullable String title) {
		KptCard card = existing(cardId);
		openBoard(card.cycleId());
		if (ontoCardId == null) {
			throw new InvalidCycle("onto", "is required: the id of the card to group with");
		}
		KptCard target = this.queries.card(ontoCardId)
			.filter((other) -> other.cycleId() == card.cycleId())
			.orElseThrow(() -> new InvalidCycle("onto", "no card " + ontoCardId + " on this board"));
		if (target.id() == card.id()) {
			throw new InvalidCycle("onto", "a card cannot be grouped with itself");
		}
		String groupTitle = (title != null) ? Cycles.text("title", title, MAX_GROUP_TITLE) : null;
		this.queries.group(card.cycleId(), cardId, target.id(), groupTitle);
		Long groupId = existing(cardId).groupId();
		if (groupId != null) {
			for (long member : this.queries.groupCards(groupId)) {
				this.queries.notifyChange(card.cycleId(), KptChange.CARD, member);
			}
		}
		return existing(cardId);
	}

	/**
	 * The facilitator (the cycle's owner, or a MANAGER or ADMIN) moves the board to a
	 * phase; {@code silent} turns silent writing on or off, {@code voteLimit} sets the
	 * votes per person, {@code timerMinutes} starts the discussion timer. Null keeps a
	 * setting.
	 */
	@Transactional
	public KptBoard phase(long cycleId, @Nullable String phase, @Nullable Boolean silent, @Nullable Integer voteLimit,
			@Nullable Integer timerMinutes, String actor, boolean moderator) {
		facilitator(cycleId, actor, moderator);
		BoardRow board = openBoard(cycleId);
		KptPhase next = board.phase();
		if (phase != null) {
			try {
				next = KptPhase.valueOf(phase);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidCycle("phase", "'" + phase + "' is not one of WRITING, GROUPING, VOTING, DISCUSSION");
			}
		}
		if (voteLimit != null && (voteLimit < 1 || voteLimit > 100)) {
			throw new InvalidCycle("voteLimit", "must lie between 1 and 100");
		}
		if (timerMinutes != null && (timerMinutes < 1 || timerMinutes > 240)) {
			throw new InvalidCycle("timerMinutes", "must lie between 1 and 240");
		}
		Instant ends = board.discussionEndsAt();
		if (timerMinutes != null) {
			ends = this.clock.instant().plus(Duration.ofMinutes(timerMinutes));
		}
		boolean nowSilent = (silent != null) ? silent : board.silent();
		if (board.silent() && next != KptPhase.WRITING) {
			this.queries.reveal(cycleId);
		}
		this.queries.updateBoard(cycleId, next, nowSilent, (voteLimit != null) ? voteLimit : board.voteLimit(), ends);
		this.queries.notifyChange(cycleId, KptChange.BOARD, 0);
		return board(cycleId, actor);
	}

	/** Shows every hidden card (the end of silent writing); only the facilitator. */
	@Transactional
	public KptBoard reveal(long cycleId, String actor, boolean moderator) {
		facilitator(cycleId, actor, moderator);
		BoardRow board = openBoard(cycleId);
		this.queries.reveal(cycleId);
		this.queries.updateBoard(cycleId, board.phase(), false, board.voteLimit(), board.discussionEndsAt());
		this.queries.notifyChange(cycleId, KptChange.BOARD, 0);
		return board(cycleId, actor);
	}

	/** Freezes the board: every later write is a conflict. */
	@Transactional
	public KptBoard close(long cycleId, String actor) {
		cycle(cycleId);
		openBoard(cycleId);
		this.queries.reveal(cycleId);
		this.queries.close(cycleId, actor, this.clock.instant());
		this.queries.notifyChange(cycleId, KptChange.BOARD, 0);
		return board(cycleId, actor);
	}

	/**
	 * Pushes every change of the board to the consumer, from whichever instance took the
	 * write, until the returned handle is closed. Cards hidden from {@code viewer} are
	 * not pushed.
	 */
	public AutoCloseable subscribe(long cycleId, String viewer, Consumer<KptChange> consumer) {
		cycle(cycleId);
		Subscriber subscriber = new Subscriber(viewer, consumer);
		this.subscribers.computeIfAbsent(cycleId, (id) -> ConcurrentHashMap.newKeySet()).add(subscriber);
		return () -> this.subscribers.computeIfPresent(cycleId, (id, set) -> {
			set.remove(subscriber);
			return set.isEmpty() ? null : set;
		});
	}

	private record Subscriber(String viewer, Consumer<KptChange> consumer) {
	}

	private void relay(String payload) {
		String[] parts = payload.split(":", 3);
		if (parts.length != 3) {
			return;
		}
		long cycleId = Long.parseLong(parts[0]);
		Set<Subscriber> listeners = this.subscribers.get(cycleId);
		if (listeners == null || listeners.isEmpty()) {
			return;
		}
		String type = parts[1];
		long cardId = Long.parseLong(parts[2]);
		KptCard card = KptChange.CARD.equals(type) ? this.queries.card(cardId).orElse(null) : null;
		for (Subscriber subscriber : listeners) {
			KptChange change;
			if (KptChange.CARD.equals(type)) {
				if (card == null || !card.visibleTo(subscriber.viewer())) {
					continue;
				}
				change = new KptChange(type, cycleId, cardId, card);
			}
			else {
				change = new KptChange(type, cycleId, cardId, null);
			}
			subscriber.consumer().accept(change);
		}
	}

	private CycleRow cycle(long cycleId) {
		return this.cycles.find(cycleId).orElseThrow(() -> UnknownCycle.cycle(cycleId));
	}

	private void facilitator(long cycleId, String actor, boolean moderator) {
		CycleRow cycle = cycle(cycleId);
		if (!moderator && !cycle.owner().equalsIgnoreCase(actor)) {
			throw new CycleConflict("Only the facilitator — the cycle's owner (" + cycle.owner()
					+ ") or a MANAGER or ADMIN — may change the board's phase");
		}
	}

	private BoardRow openBoard(long cycleId) {
		BoardRow board = this.queries.lockBoard(cycleId);
		if (!board.open()) {
			throw new CycleConflict("The retrospective of cycle " + cycleId + " is closed; it takes no more changes");
		}
		return board;
	}

	private KptCard existing(long cardId) {
		return this.queries.card(cardId).orElseThrow(() -> UnknownCycle.card(cardId));
	}

	private static KptColumn column(@Nullable String column) {
		if (column == null) {
			throw new InvalidCycle("column", "is required: KEEP, PROBLEM or TRY");
		}
		try {
			return KptColumn.valueOf(column);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidCycle("column", "'" + column + "' is not one of KEEP, PROBLEM, TRY");
		}
	}

}
