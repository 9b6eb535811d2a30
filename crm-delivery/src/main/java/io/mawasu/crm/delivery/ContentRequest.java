package io.mawasu.crm.delivery;

import java.util.List;

import io.mawasu.crm.domain.consent.Channel;
import org.jspecify.annotations.Nullable;

/**
 * A content as the API and the form send it: the base text is variant A; {@code variants}
 * add B, C, … each with a weight in percent (A gets what is left, or an equal share when
 * no weight is given). {@code messages} are LINE's 1–5 texts (when absent, {@code body}
 * is the one message); {@code text} is the email's plain part (derived from the HTML when
 * absent).
 */
public record ContentRequest(@Nullable String name, @Nullable Channel channel, @Nullable String subject,
		@Nullable String body, @Nullable String text, @Nullable List<String> messages,
		@Nullable List<Variant> variants) {

	public record Variant(@Nullable String key, @Nullable String subject, @Nullable String body, @Nullable String text,
			@Nullable List<String> messages, @Nullable Integer weight) {

	}

}
