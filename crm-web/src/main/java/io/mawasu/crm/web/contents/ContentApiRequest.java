package io.mawasu.crm.web.contents;

import java.util.List;

import io.mawasu.crm.delivery.ContentRequest;
import io.mawasu.crm.domain.consent.Channel;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST} and {@code PUT /api/contents}: the base text is variant A,
 * {@code variants} add B, C, …. crm-delivery's {@code Contents} checks what a channel
 * needs and names the field at fault; the constraints here add only the bounds it does
 * not check (subject length, number of variants).
 */
@Schema(name = "ContentRequest")
record ContentApiRequest(
		@Schema(description = "Shown in lists", example = "秋の新作", maxLength = 200,
				requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String name,
		@Schema(allowableValues = {
				"EMAIL", "LINE", "SMS" }, description = "Cannot change once saved",
				requiredMode = Schema.RequiredMode.REQUIRED) @Nullable Channel channel,
		@Schema(description = SUBJECT, example = "{{name|お客様}}へ秋の新作") @Size(max = MAX_SUBJECT,
				message = "{api.validation.maxCharacters}") @Nullable String subject,
		@Schema(description = BODY,
				example = "<p>{{name|お客様}} 様 <a href=\"https://shop.example.com/autumn\">見る</a></p>") @Nullable String body,
		@Schema(description = TEXT) @Nullable String text,
		@ArraySchema(schema = @Schema(description = "A LINE text of at most 5,000 characters"), maxItems = 5,
				arraySchema = @Schema(description = MESSAGES)) @Nullable List<String> messages,
		@ArraySchema(maxItems = MAX_VARIANTS,
				arraySchema = @Schema(
						description = "Variants B, C, … for an A/B " + "test; the base content is A")) @Size(
								max = MAX_VARIANTS,
								message = "{api.validation.maxItems}") @Nullable List<@Valid Variant> variants){

	static final int MAX_SUBJECT = 500;

	/** B to Z. */
	static final int MAX_VARIANTS = 25;

	static final String SUBJECT = "EMAIL only, required there: one line with placeholders {{attribute}} or "
			+ "{{attribute|default}}";

	static final String BODY = "EMAIL: the HTML (required); SMS: the text (required, at most 10 segments); "
			+ "LINE: one message when messages is absent";

	static final String TEXT = "EMAIL's plain part; derived from the HTML when absent";

	static final String MESSAGES = "LINE: 1 to 5 texts";

	/** An alternative text with its share of the split. */
	@Schema(name = "ContentVariantRequest")
	record Variant(
			@Schema(description = "B to Z (A is the base content)", example = "B",
					requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String key,
			@Schema(description = SUBJECT) @Size(max = MAX_SUBJECT,
					message = "{api.validation.maxCharacters}") @Nullable String subject,
			@Schema(description = BODY) @Nullable String body, @Schema(description = TEXT) @Nullable String text,
			@ArraySchema(schema = @Schema(description = "A LINE text of at most 5,000 characters"), maxItems = 5,
					arraySchema = @Schema(description = MESSAGES)) @Nullable List<String> messages,
			@Schema(description = "Percent of the customers; A gets what is left of 100. Give every variant a "
					+ "weight or none (an equal split)", minimum = "0", maximum = "100",
					example = "50") @Nullable Integer weight) {

		ContentRequest.Variant toRequest() {
			return new ContentRequest.Variant(this.key, this.subject, this.body, this.text, this.messages, this.weight);
		}

	}

	ContentRequest toRequest() {
		return new ContentRequest(this.name, this.channel, this.subject, this.body, this.text, this.messages,
				(this.variants != null) ? this.variants.stream().map((v) -> (v != null) ? v.toRequest() : null).toList()
						: null);
	}

}
