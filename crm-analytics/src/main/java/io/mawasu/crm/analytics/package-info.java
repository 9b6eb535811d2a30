/**
 * Check and Act: metrics, attribution, lift against control, A/B evaluation, KPI targets,
 * PDCA cycles and KPT boards. Owns the {@code analytics} schema.
 */
@ApplicationModule(displayName = "Analytics",
		allowedDependencies = { "domain :: customer", "domain :: order", "domain :: consent", "segmentation",
				"delivery", "scenario" })
@NullMarked
package io.mawasu.crm.analytics;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
