/**
 * The analysis pages (decile, Pareto / ABC, F2, retention), their CSV downloads and JSON
 * API.
 */
@NullMarked
package io.mawasu.crm.web.analyses;

import org.jspecify.annotations.NullMarked;
