/**
 * What every JSON endpoint shares: errors as RFC 9457 problem+json.
 */
@NullMarked
package io.mawasu.crm.web.api;

import org.jspecify.annotations.NullMarked;
