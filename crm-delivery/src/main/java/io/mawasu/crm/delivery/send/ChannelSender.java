package io.mawasu.crm.delivery.send;

import java.util.List;

import io.mawasu.crm.domain.consent.Channel;

/**
 * Sends rendered messages on one channel through its provider (SMTP, LINE Messaging API,
 * SMS REST API). A batch is sent in one go where the provider allows (one SMTP
 * connection, LINE multicast for identical messages); the outcomes come back in the
 * batch's order. Implementations never throw for a provider's answer: they classify it.
 */
public interface ChannelSender {

	Channel channel();

	List<SendOutcome> send(List<Outgoing> batch);

}
