/** The two-axis customer journey: its page and its API. */
@NullMarked
package io.mawasu.crm.web.journey;

import org.jspecify.annotations.NullMarked;
