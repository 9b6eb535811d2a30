package io.mawasu.crm.delivery;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One variant of a content: A is the content's own text, B, C, … the alternatives.
 * {@code weight} is its share of the split in percent (the variants of a content add up
 * to 100). EMAIL uses subject, body (HTML) and text (the plain part); LINE uses messages
 * (1 to 5 texts); SMS uses body.
 */
public record ContentVariant(String key, @Nullable String subject, String body, @Nullable String text,
		List<String> messages, int weight) {

}
