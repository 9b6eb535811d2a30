package io.mawasu.crm.delivery;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Supplies placeholder values that are not customer attributes, for a batch at once (one
 * query, not one per customer). Higher modules implement it as a bean, e.g.
 * segmentation's latest RFM segment for {@code {{rfmSegment}}}; crm-delivery does not
 * depend on them. Without a source for a placeholder it renders its default or nothing.
 */
public interface PlaceholderSource {

	/** The placeholders supplied, names from {@link ContentTemplate#PLACEHOLDERS}. */
	Set<String> names();

	/**
	 * The values per customer id (name → value); customers or names without a value may
	 * be absent.
	 */
	Map<Long, Map<String, String>> values(Collection<Long> customerIds);

}
