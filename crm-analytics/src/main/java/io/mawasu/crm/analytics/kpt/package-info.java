/**
 * KPT boards: cards, votes, groups and the LISTEN/NOTIFY relay that carries every change
 * to each app instance's live subscribers.
 */
@NullMarked
package io.mawasu.crm.analytics.kpt;

import org.jspecify.annotations.NullMarked;
