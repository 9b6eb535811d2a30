/**
 * Internal: compiles segment rules to parameterised SQL over crm-domain's tables and runs
 * the set-based segment queries (counts, reach, members, snapshots).
 */
@NullMarked
package io.mawasu.crm.segmentation.rule;

import org.jspecify.annotations.NullMarked;
