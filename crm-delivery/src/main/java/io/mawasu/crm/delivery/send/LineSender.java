package io.mawasu.crm.delivery.send;

import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mawasu.crm.delivery.DeliveryProperties;
import io.mawasu.crm.delivery.RenderedMessage;
import io.mawasu.crm.domain.consent.Channel;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * LINE Messaging API: a batch's identical messages go as one multicast (up to 500
 * recipients a request), the others as push, each request with the bearer channel access
 * token and its own {@code X-Line-Retry-Key}. 429 and 5xx are transient (with Retry-After
 * when given), other 4xx permanent; a 400 about {@code to} marks the user id
 * undeliverable (a multicast refused so is retried as pushes to find the bad id).
 */
@Component
class LineSender implements ChannelSender {

	static final int MULTICAST_LIMIT = 500;

	private final RestClient http;

	private final Clock clock;

	private final @Nullable String token;

	LineSender(ObjectProvider<RestClient.Builder> builders, DeliveryProperties properties,
			ObjectProvider<Clock> clock) {
		this.clock = clock.getIfUnique(Clock::systemUTC);
		this.http = ProviderHttp.client(builders, properties.line().baseUrl());
		this.token = properties.line().channelAccessToken();
	}

	@Override
	public Channel channel() {
		return Channel.LINE;
	}

	@Override
	public List<SendOutcome> send(List<Outgoing> batch) {
		List<@Nullable SendOutcome> outcomes = new ArrayList<>(batch.size());
		batch.forEach((o) -> outcomes.add(null));
		if (this.token == null || this.token.isBlank()) {
			return batch.stream()
				.map((o) -> (SendOutcome) new SendOutcome.Permanent(
						"LINE is not configured (crm.delivery.line.channel-access-token)", false))
				.toList();
		}
		Map<List<String>, List<Integer>> identical = new LinkedHashMap<>();
		for (int i = 0; i < batch.size(); i++) {
			identical.computeIfAbsent(texts(batch.get(i).message()), (k) -> new ArrayList<>()).add(i);
		}
		identical.forEach((texts, indexes) -> {
			if (indexes.size() == 1) {
				int i = indexes.get(0);
				outcomes.set(i, push(batch.get(i).address(), texts));
				return;
			}
			for (int from = 0; from < indexes.size(); from += MULTICAST_LIMIT) {
				List<Integer> chunk = indexes.subList(from, Math.min(indexes.size(), from + MULTICAST_LIMIT));
				List<String> to = chunk.stream().map((i) -> batch.get(i).address()).toList();
				SendOutcome outcome = post("/v2/bot/message/multicast", to, texts);
				if (outcome instanceof SendOutcome.Permanent p && p.addressUndeliverable()) {
					chunk.forEach((i) -> outcomes.set(i, push(batch.get(i).address(), texts)));
				}
				else {
					chunk.forEach((i) -> outcomes.set(i, outcome));
				}
			}
		});
		return outcomes.stream().map((o) -> (SendOutcome) o).toList();
	}

	private SendOutcome push(String to, List<String> texts) {
		return post("/v2/bot/message/push", to, texts);
	}

	private SendOutcome post(String path, Object to, List<String> texts) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("to", to);
		body.put("messages", texts.stream().map((t) -> Map.of("type", "text", "text", t)).toList());
		try {
			return this.http.post()
				.uri(path)
				.contentType(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
				.header("X-Line-Retry-Key", UUID.randomUUID().toString())
				.body(body)
				.exchange((request, response) -> {
					int status = response.getStatusCode().value();
					if (response.getStatusCode().is2xxSuccessful()) {
						return new SendOutcome.Sent(response.getHeaders().getFirst("X-Line-Request-Id"));
					}
					String answer = StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8);
					String error = "LINE " + status + " " + ProviderHttp.abbreviate(answer);
					if (status == 429 || status >= 500) {
						return new SendOutcome.Transient(error,
								ProviderHttp.retryAfter(response.getHeaders(), this.clock.instant()));
					}
					return new SendOutcome.Permanent(error, status == 400 && aboutTo(answer));
				});
		}
		catch (RestClientException ex) {
			return new SendOutcome.Transient("LINE unreachable: " + ex.getMessage(), null);
		}
	}

	// LINE names the faulty property: "The property, 'to', in the request body is
	// invalid"
	private static boolean aboutTo(String answer) {
		Map<String, Object> json = ProviderHttp.json(answer);
		if (String.valueOf(json.get("message")).contains("'to'")) {
			return true;
		}
		return (json.get("details") instanceof List<?> details) && details.stream()
			.anyMatch(
					(d) -> (d instanceof Map<?, ?> detail) && String.valueOf(detail.get("property")).startsWith("to"));
	}

	private static List<String> texts(RenderedMessage m) {
		return m.messages().isEmpty() ? List.of(m.text()) : m.messages();
	}

}
