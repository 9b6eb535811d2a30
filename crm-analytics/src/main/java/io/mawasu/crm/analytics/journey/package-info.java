/** Internal: the customer journey's set-based SQL. */
@NullMarked
package io.mawasu.crm.analytics.journey;

import org.jspecify.annotations.NullMarked;
