/**
 * Plan: RFM runs and scores, named RFM segments, rule-based segments compiled to
 * parameterised SQL, segment snapshots, decile / Pareto / ABC / F2 analyses and 4R
 * sizing. Reads crm-domain's tables; owns the {@code segmentation} schema.
 */
@ApplicationModule(displayName = "Segmentation",
		allowedDependencies = { "domain :: customer", "domain :: order", "domain :: consent" })
@NullMarked
package io.mawasu.crm.segmentation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
