/**
 * Rule segments in the browser (list, builder with live count, 4R page) and over the HTTP
 * API ({@code /api/segments}).
 */
@NullMarked
package io.mawasu.crm.web.segments;

import org.jspecify.annotations.NullMarked;
