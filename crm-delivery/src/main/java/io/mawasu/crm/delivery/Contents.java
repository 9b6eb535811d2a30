package io.mawasu.crm.delivery;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Channel content with A/B variants: saved after its placeholders and channel limits are
 * checked, rendered for a customer, and split between variants deterministically.
 */
@Service
public class Contents {

	/** Saves a new content; {@link InvalidContent} names the faulty field. */
	public long create(ContentRequest request, @Nullable String actor) {
		throw new UnsupportedOperationException("contract only");
	}

	/** Replaces a content's name and variants; false for an unknown id. */
	public boolean update(long id, ContentRequest request, @Nullable String actor) {
		throw new UnsupportedOperationException("contract only");
	}

	public Optional<Content> find(long id) {
		throw new UnsupportedOperationException("contract only");
	}

	/** All contents, newest first. */
	public List<Content> list() {
		throw new UnsupportedOperationException("contract only");
	}

	/** The variant a customer gets: stable for the pair, shared out by the weights. */
	public String variantFor(Content content, long customerId) {
		throw new UnsupportedOperationException("contract only");
	}

	/**
	 * A variant rendered for a customer (placeholders filled, no tracking); empty for an
	 * unknown content or customer.
	 */
	public Optional<RenderedMessage> render(long contentId, String variant, long customerId) {
		throw new UnsupportedOperationException("contract only");
	}

}
