/**
 * Customer lifetime value: the {@code /clv} page and the {@code /api/clv} API.
 */
@NullMarked
package io.mawasu.crm.web.clv;

import org.jspecify.annotations.NullMarked;
