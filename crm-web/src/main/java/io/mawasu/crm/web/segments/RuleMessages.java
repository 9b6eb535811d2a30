package io.mawasu.crm.web.segments;

import java.util.Arrays;
import java.util.Locale;

import io.mawasu.crm.segmentation.InvalidSegmentRule;
import io.mawasu.crm.segmentation.RuleField;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A refused segment rule in the user's language: the page names the field by its label
 * (「年齢」), the API by its JSON name ({@code 'age'}), which is what the caller sent.
 */
@Component
class RuleMessages {

	private final MessageSource messages;

	RuleMessages(MessageSource messages) {
		this.messages = messages;
	}

	/** For a page: fields by their label. */
	String forPage(InvalidSegmentRule ex, Locale locale) {
		Object[] arguments = Arrays.stream(ex.arguments())
			.map((a) -> (a instanceof RuleField field)
					? this.messages.getMessage("segments.field." + field.json(), null, field.json(), locale) : a)
			.toArray();
		return this.messages.getMessage(ex.code(), arguments, ex.detail(), locale);
	}

	/** For the API: fields by their JSON name, prefixed with the JSON path. */
	String forApi(InvalidSegmentRule ex, Locale locale) {
		Object[] arguments = Arrays.stream(ex.arguments())
			.map((a) -> (a instanceof RuleField field) ? "'" + field.json() + "'" : a)
			.toArray();
		return ex.path() + ": " + this.messages.getMessage(ex.code(), arguments, ex.detail(), locale);
	}

}
