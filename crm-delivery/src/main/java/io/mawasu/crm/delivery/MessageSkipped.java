package io.mawasu.crm.delivery;

import java.time.Instant;

/** Published when a message was not sent because a send-time check failed. */
public record MessageSkipped(MessageRef message, SkipReason reason, Instant at) {

}
