package io.mawasu.crm.analytics.kpt;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.mawasu.crm.analytics.CycleView.Action;
import io.mawasu.crm.analytics.KptCard;
import io.mawasu.crm.analytics.KptColumn;
import io.mawasu.crm.analytics.KptPhase;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of the KPT boards. Every write also calls {@code pg_notify('crm_kpt', …)}, which
 * PostgreSQL delivers to every listening connection when the transaction commits.
 */
@Repository
public class KptQueries {

	/** The NOTIFY channel; payload {@code cycleId:type:cardId}. */
	public static final String CHANNEL = "crm_kpt";

	private static final String CARD_SELECT = """
			select k.*, g.title as group_title, (select count(*) from analytics.kpt_vote v where v.card_id = k.id) as votes
			from analytics.kpt_card k left join analytics.kpt_group g on g.id = k.group_id
			""";

	private final JdbcClient jdbc;

	KptQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A board's settings; a cycle without a row has the defaults (open, WRITING). */
	public record BoardRow(long cycleId, boolean open, KptPhase phase, boolean silent, int voteLimit,
			@Nullable Instant discussionEndsAt) {
	}

	public BoardRow board(long cycleId) {
		return this.jdbc.sql("select * from analytics.kpt_board where cycle_id = :id")
			.param("id", cycleId)
			.query(KptQueries::boardRow)
			.optional()
			.orElse(new BoardRow(cycleId, true, KptPhase.WRITING, false, 3, null));
	}

	/** Creates the board row if needed and locks it, so writes to one board queue up. */
	public BoardRow lockBoard(long cycleId) {
		this.jdbc.sql("insert into analytics.kpt_board (cycle_id) values (:id) on conflict do nothing")
			.param("id", cycleId)
			.update();
		return this.jdbc.sql("select * from analytics.kpt_board where cycle_id = :id for update")
			.param("id", cycleId)
			.query(KptQueries::boardRow)
			.single();
	}

	public void updateBoard(long cycleId, KptPhase phase, boolean silent, int voteLimit,
			@Nullable Instant discussionEndsAt) {
		this.jdbc.sql("""
				update analytics.kpt_board set phase = :phase, silent = :silent, vote_limit = :limit,
					discussion_ends_at = :ends where cycle_id = :id
				""")
			.param("id", cycleId)
			.param("phase", phase.name())
			.param("silent", silent)
			.param("limit", voteLimit)
			.param("ends", (discussionEndsAt != null) ? Timestamp.from(discussionEndsAt) : null)
			.update();
	}

	public void close(long cycleId, @Nullable String by, Instant at) {
		this.jdbc
			.sql("update analytics.kpt_board set open = false, closed_by = :by, closed_at = :at where cycle_id = :id")
			.param("id", cycleId)
			.param("by", by)
			.param("at", Timestamp.from(at))
			.update();
	}

	/** The cycles whose board is closed. */
	public Set<Long> closedBoards() {
		return new HashSet<>(
				this.jdbc.sql("select cycle_id from analytics.kpt_board where not open").query(Long.class).list());
	}

	public void reveal(long cycleId) {
		this.jdbc.sql("update analytics.kpt_card set hidden = false where cycle_id = :id and hidden")
			.param("id", cycleId)
			.update();
	}

	public long insertCard(long cycleId, KptColumn column, String text, String author, boolean hidden, Instant at) {
		return this.jdbc.sql("""
				insert into analytics.kpt_card (cycle_id, kpt_column, text, author, hidden, created_at, updated_at)
				values (:cycle, :column, :text, :author, :hidden, :at, :at) returning id
				""")
			.param("cycle", cycleId)
			.param("column", column.name())
			.param("text", text)
			.param("author", author)
			.param("hidden", hidden)
			.param("at", Timestamp.from(at))
			.query(Long.class)
			.single();
	}

	public void updateCard(long id, KptColumn column, String text, @Nullable String actionOwner,
			@Nullable LocalDate actionDue, Instant at) {
		this.jdbc
			.sql("""
					update analytics.kpt_card set kpt_column = :column, text = :text, action_owner = :owner, action_due = :due,
						updated_at = :at where id = :id
					""")
			.param("id", id)
			.param("column", column.name())
			.param("text", text)
			.param("owner", actionOwner)
			.param("due", (actionDue != null) ? Date.valueOf(actionDue) : null)
			.param("at", Timestamp.from(at))
			.update();
	}

	public void deleteCard(long id) {
		this.jdbc.sql("delete from analytics.kpt_card where id = :id").param("id", id).update();
	}

	public Optional<KptCard> card(long id) {
		return this.jdbc.sql(CARD_SELECT + " where k.id = :id").param("id", id).query(KptQueries::card).optional();
	}

	/** A board's cards in writing order. */
	public List<KptCard> cards(long cycleId) {
		return this.jdbc.sql(CARD_SELECT + " where k.cycle_id = :id order by k.id")
			.param("id", cycleId)
			.query(KptQueries::card)
			.list();
	}

	/** Adds a vote; false when this person has voted for the card already. */
	public boolean vote(long cardId, long cycleId, String username, Instant at) {
		return this.jdbc.sql("""
				insert into analytics.kpt_vote (card_id, username, cycle_id, at) values (:card, :username, :cycle, :at)
				on conflict do nothing
				""")
			.param("card", cardId)
			.param("username", username)
			.param("cycle", cycleId)
			.param("at", Timestamp.from(at))
			.update() > 0;
	}

	/** The cards this person has voted for on the board. */
	public List<Long> votesOf(long cycleId, String username) {
		return this.jdbc
			.sql("select card_id from analytics.kpt_vote where cycle_id = :cycle and username = :username order by at")
			.param("cycle", cycleId)
			.param("username", username)
			.query(Long.class)
			.list();
	}

	public boolean voted(long cardId, String username) {
		return this.jdbc.sql("select count(*) from analytics.kpt_vote where card_id = :card and username = :username")
			.param("card", cardId)
			.param("username", username)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Puts the card into the target card's group, creating the group with the title when
	 * the target has none (a given title renames an existing group).
	 */
	public void group(long cycleId, long cardId, long targetId, @Nullable String title) {
		Long groupId = this.jdbc.sql("select group_id from analytics.kpt_card where id = :id")
			.param("id", targetId)
			.query((rs, n) -> rs.getObject("group_id", Long.class))
			.optional()
			.orElse(null);
		if (groupId == null) {
			groupId = this.jdbc
				.sql("insert into analytics.kpt_group (cycle_id, title) values (:cycle, :title) returning id")
				.param("cycle", cycleId)
				.param("title", (title != null) ? title : "")
				.query(Long.class)
				.single();
			this.jdbc.sql("update analytics.kpt_card set group_id = :group where id = :id")
				.param("group", groupId)
				.param("id", targetId)
				.update();
		}
		else if (title != null) {
			this.jdbc.sql("update analytics.kpt_group set title = :title where id = :id")
				.param("title", title)
				.param("id", groupId)
				.update();
		}
		this.jdbc.sql("update analytics.kpt_card set group_id = :group where id = :id")
			.param("group", groupId)
			.param("id", cardId)
			.update();
	}

	/** The ids of the cards in a group. */
	public List<Long> groupCards(long groupId) {
		return this.jdbc.sql("select id from analytics.kpt_card where group_id = :group order by id")
			.param("group", groupId)
			.query(Long.class)
			.list();
	}

	/** Every TRY card of the board as an action for the next cycle, most voted first. */
	public List<Action> tryActions(long cycleId) {
		return this.jdbc.sql(CARD_SELECT + " where k.cycle_id = :id and k.kpt_column = 'TRY' order by votes desc, k.id")
			.param("id", cycleId)
			.query(KptQueries::card)
			.list()
			.stream()
			.map((card) -> new Action(card.text(), card.id(), card.votes(), card.actionOwner(), card.actionDue()))
			.toList();
	}

	/** Tells every listening instance about a change, at commit. */
	public void notifyChange(long cycleId, String type, long cardId) {
		this.jdbc.sql("select pg_notify(:channel, :payload)")
			.param("channel", CHANNEL)
			.param("payload", cycleId + ":" + type + ":" + cardId)
			.query((rs, n) -> 0)
			.list();
	}

	private static BoardRow boardRow(ResultSet rs, int n) throws SQLException {
		Timestamp ends = rs.getTimestamp("discussion_ends_at");
		return new BoardRow(rs.getLong("cycle_id"), rs.getBoolean("open"), KptPhase.valueOf(rs.getString("phase")),
				rs.getBoolean("silent"), rs.getInt("vote_limit"), (ends != null) ? ends.toInstant() : null);
	}

	private static KptCard card(ResultSet rs, int n) throws SQLException {
		Date due = rs.getDate("action_due");
		return new KptCard(rs.getLong("id"), rs.getLong("cycle_id"), KptColumn.valueOf(rs.getString("kpt_column")),
				rs.getString("text"), rs.getString("author"), rs.getInt("votes"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
				rs.getObject("group_id", Long.class), rs.getString("group_title"), rs.getBoolean("hidden"),
				rs.getString("action_owner"), (due != null) ? due.toLocalDate() : null);
	}

}
