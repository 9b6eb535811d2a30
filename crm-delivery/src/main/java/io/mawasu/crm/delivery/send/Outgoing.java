package io.mawasu.crm.delivery.send;

import io.mawasu.crm.delivery.RenderedMessage;
import org.jspecify.annotations.Nullable;

/**
 * One message to send: the outbox id (0 for a test send), the channel address (email,
 * LINE user id, phone in E.164) and the rendered content with tracking links already in
 * place; {@code unsubscribeUrl} goes into email's List-Unsubscribe header.
 */
public record Outgoing(long messageId, String address, RenderedMessage message, @Nullable String unsubscribeUrl) {

}
