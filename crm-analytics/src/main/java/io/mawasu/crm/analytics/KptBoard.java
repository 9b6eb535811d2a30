package io.mawasu.crm.analytics;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A cycle's KPT board as one viewer sees it: whether it is open, its phase and settings,
 * its cards (in vote order during DISCUSSION, else in writing order) and the viewer's own
 * votes.
 */
public record KptBoard(long cycleId, boolean open, KptPhase phase, boolean silent, int voteLimit,
		@Nullable Instant discussionEndsAt, List<KptCard> cards, List<Long> myVotes, int votesLeft) {

}
