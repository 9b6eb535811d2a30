/** Internal: stats of the Check. */
@NullMarked
package io.mawasu.crm.analytics.stats;

import org.jspecify.annotations.NullMarked;
