/**
 * The Deliveries page: the outbox queue, outcomes per channel and hour, the newest
 * failures and stuck messages.
 */
@NullMarked
package io.mawasu.crm.web.deliveries;

import org.jspecify.annotations.NullMarked;
