/**
 * The SQL behind the decile, Pareto / ABC, F2 and retention analyses.
 */
@NullMarked
package io.mawasu.crm.segmentation.analysis;

import org.jspecify.annotations.NullMarked;
