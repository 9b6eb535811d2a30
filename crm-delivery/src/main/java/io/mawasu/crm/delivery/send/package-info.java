/**
 * Channel senders: SMTP email, LINE Messaging API, Twilio-style SMS. Module-internal: the
 * delivery worker and test sends use them through {@link ChannelSender}.
 */
@NullMarked
package io.mawasu.crm.delivery.send;

import org.jspecify.annotations.NullMarked;
