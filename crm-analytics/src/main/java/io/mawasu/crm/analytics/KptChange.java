package io.mawasu.crm.analytics;

import org.jspecify.annotations.Nullable;

/**
 * A change on a KPT board as pushed to live subscribers: {@code card} (added, moved,
 * edited, voted; with the card), {@code deleted} (the card's id) or {@code board} (phase,
 * reveal, close).
 */
public record KptChange(String type, long cycleId, long cardId, @Nullable KptCard card) {

	public static final String CARD = "card";

	public static final String DELETED = "deleted";

	public static final String BOARD = "board";

}
