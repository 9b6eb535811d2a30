package io.mawasu.crm.analytics;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A card on a KPT board with its votes. {@code hidden}: written during silent writing and
 * not yet revealed (then only its author sees it). A TRY card may carry an action owner
 * and due date, which the next cycle takes over.
 */
public record KptCard(long id, long cycleId, KptColumn column, String text, String author, int votes, Instant createdAt,
		Instant updatedAt, @Nullable Long groupId, @Nullable String groupTitle, boolean hidden,
		@Nullable String actionOwner, @Nullable LocalDate actionDue) {

	public boolean visibleTo(@Nullable String viewer) {
		return !this.hidden || this.author.equalsIgnoreCase(String.valueOf(viewer));
	}

}
