/**
 * Do: channel content and templates, the delivery outbox, the email / LINE / SMS senders,
 * consent and suppression checks at send time, frequency caps, control groups and
 * tracking. Owns the {@code delivery} schema.
 */
@ApplicationModule(displayName = "Delivery", allowedDependencies = { "domain :: customer", "domain :: consent" })
@NullMarked
package io.mawasu.crm.delivery;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
