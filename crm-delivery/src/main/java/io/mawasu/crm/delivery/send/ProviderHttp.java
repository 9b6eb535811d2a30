package io.mawasu.crm.delivery.send;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** What the LINE and SMS senders share: the HTTP client, Retry-After, JSON answers. */
final class ProviderHttp {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProviderHttp() {
	}

	/** A client for a provider with short connect and bounded read timeouts. */
	static RestClient client(ObjectProvider<RestClient.Builder> builders, String baseUrl) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
		requests.setReadTimeout(Duration.ofSeconds(30));
		return builders.getIfAvailable(RestClient::builder).baseUrl(baseUrl).requestFactory(requests).build();
	}

	/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
	static @Nullable Duration retryAfter(HttpHeaders headers, Instant now) {
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
		}
		catch (NumberFormatException ex) {
			try {
				Duration until = Duration.between(now,
						ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
				return until.isNegative() ? Duration.ZERO : until;
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
		}
	}

	/** A JSON object answer as a map; empty when the body is not a JSON object. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> json(@Nullable String body) {
		if (body == null || body.isBlank()) {
			return Map.of();
		}
		try {
			Object value = JSON.readValue(body, Object.class);
			return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
		}
		catch (JacksonException ex) {
			return Map.of();
		}
	}

	static String abbreviate(@Nullable String body) {
		if (body == null) {
			return "";
		}
		String flat = body.replaceAll("\\s+", " ").strip();
		return (flat.length() > 300) ? flat.substring(0, 300) + "…" : flat;
	}

}
