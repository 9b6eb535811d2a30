/**
 * Check and Act: scenario metrics from incremental rollups, lift against control with its
 * statistics, A/B evaluation, drill-down, KPI targets, PDCA cycles and KPT boards. Owns
 * the {@code analytics} schema; reads scenario, delivery, domain and segmentation through
 * their public beans and published SQL views.
 */
@ApplicationModule(displayName = "Analytics",
		allowedDependencies = { "domain :: customer", "domain :: order", "segmentation", "delivery", "scenario" })
@NullMarked
package io.mawasu.crm.analytics;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
