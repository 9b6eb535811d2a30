/**
 * PDCA cycles: their rows, reviews, decisions and actions, and the reach behind the
 * expected effect.
 */
@NullMarked
package io.mawasu.crm.analytics.pdca;

import org.jspecify.annotations.NullMarked;
