package io.mawasu.crm.delivery;

import java.time.Instant;
import java.util.List;

import io.mawasu.crm.domain.consent.Channel;
import org.jspecify.annotations.Nullable;

/** A saved content: its channel and its variants, A first. */
public record Content(long id, String name, Channel channel, List<ContentVariant> variants, @Nullable String createdBy,
		Instant createdAt, Instant updatedAt) {

	public ContentVariant variant(String key) {
		return this.variants.stream()
			.filter((v) -> v.key().equals(key))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Content " + this.id + " has no variant " + key));
	}

}
