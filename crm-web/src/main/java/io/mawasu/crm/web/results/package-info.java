/**
 * The Check of a scenario over HTTP: metrics, drill-down, statistics and the results page
 * with its CSV; the rules stay in crm-analytics.
 */
@NullMarked
package io.mawasu.crm.web.results;

import org.jspecify.annotations.NullMarked;
