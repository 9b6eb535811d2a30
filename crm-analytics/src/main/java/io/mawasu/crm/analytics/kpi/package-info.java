/** Internal: kpi of the Check. */
@NullMarked
package io.mawasu.crm.analytics.kpi;

import org.jspecify.annotations.NullMarked;
