/**
 * Do: scenario definitions (entry segment, steps, priority, caps, control share),
 * enrollments and the engine that advances them and asks crm-delivery to send. Owns the
 * {@code scenario} schema.
 */
@ApplicationModule(displayName = "Scenario",
		allowedDependencies = { "domain :: customer", "domain :: order", "domain :: consent", "segmentation",
				"delivery" })
@NullMarked
package io.mawasu.crm.scenario;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
