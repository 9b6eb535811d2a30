/** Internal: metrics of the Check. */
@NullMarked
package io.mawasu.crm.analytics.metrics;

import org.jspecify.annotations.NullMarked;
