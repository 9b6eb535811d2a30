package io.mawasu.crm.web.segments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.customer.CustomerQueries;
import io.mawasu.crm.domain.customer.Gender;
import io.mawasu.crm.domain.customer.Prefecture;
import io.mawasu.crm.segmentation.JourneyProperties;
import io.mawasu.crm.segmentation.JourneyStage;
import io.mawasu.crm.segmentation.RfmSegments;
import io.mawasu.crm.segmentation.RuleField;
import io.mawasu.crm.scenario.Scenarios;
import io.mawasu.crm.segmentation.RuleOperator;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What a segment rule can test, for the builder and {@code GET /api/segments/fields}:
 * each field with its input type, its operators and, for enumerable fields, every value
 * with its label in the caller's language (RFM segments by their current names, the 47
 * prefectures in JIS order, channels, genders, the tags in use, scores 1–5, contents and
 * scenarios by their names).
 * <p>
 * Types: {@code choice} (pick from {@code values}), {@code days} (a whole number of
 * days), {@code money} (yen), {@code count} (a number of orders), {@code age} (years),
 * {@code score} (1–5, also listed as values), {@code level} (an ordered level listed as
 * values, the journey's affinity 1–4), {@code number} (a decimal, e.g. the CLV model's
 * P(alive)) and {@code text}. The journey stage is a {@code choice}.
 */
@Component
class SegmentFields {

	static final int MAX_TAGS = 500;

	private final RfmSegments rfmSegments;

	private final CustomerQueries customers;

	private final Contents contents;

	private final Scenarios scenarios;

	private final MessageSource messages;

	SegmentFields(RfmSegments rfmSegments, CustomerQueries customers, Contents contents, Scenarios scenarios,
			MessageSource messages) {
		this.rfmSegments = rfmSegments;
		this.customers = customers;
		this.contents = contents;
		this.scenarios = scenarios;
		this.messages = messages;
	}

	/** A value a field can take, with its label. */
	record Value(Object value, String label) {
	}

	/** A field as the API returns it; {@code values} only for enumerable fields. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Field(String field, String type, List<String> ops, @Nullable List<Value> values) {
	}

	List<Field> fields(Locale locale) {
		List<Field> fields = new ArrayList<>();
		for (RuleField field : RuleField.values()) {
			List<String> ops = field.operators().stream().map(RuleOperator::json).toList();
			List<Value> values = values(field, locale);
			fields.add(new Field(field.json(), type(field, values), ops, values));
		}
		return fields;
	}

	private static String type(RuleField field, @Nullable List<Value> values) {
		return switch (field) {
			case REGISTERED_DAYS, RECENCY_DAYS, OPENED_WITHIN_DAYS, CLICKED_WITHIN_DAYS -> "days";
			case MONETARY, PREDICTED_CLV -> "money";
			case P_ALIVE, EXPECTED_PURCHASES -> "number";
			case FREQUENCY, ORDER_COUNT -> "count";
			case AGE -> "age";
			case R, F, M -> "score";
			case AFFINITY -> "level";
			default -> (values != null) ? "choice" : "text";
		};
	}

	private @Nullable List<Value> values(RuleField field, Locale locale) {
		String language = locale.getLanguage();
		return switch (field) {
			case GENDER -> Arrays.stream(Gender.values())
				.map((g) -> new Value(g.name(), message("customers.gender." + g.name(), locale)))
				.toList();
			case CONSENT -> Arrays.stream(Channel.values())
				.map((c) -> new Value(c.name(), message("segments.channel." + c.name(), locale)))
				.toList();
			case PREFECTURE ->
				Arrays.stream(Prefecture.values()).map((p) -> new Value(p.nameJa(), p.name(language))).toList();
			case RFM_SEGMENT ->
				this.rfmSegments.segments().stream().map((s) -> new Value(s.code(), s.name(language))).toList();
			case TAG -> this.customers.tagsInUse(MAX_TAGS).stream().map((t) -> new Value(t, t)).toList();
			case R, F, M -> IntStream.rangeClosed(1, 5).mapToObj((n) -> new Value(n, String.valueOf(n))).toList();
			case JOURNEY_STAGE -> Arrays.stream(JourneyStage.values())
				.map((stage) -> new Value(stage.name(), message("journey.stage." + stage.name(), locale)))
				.toList();
			case AFFINITY -> IntStream.rangeClosed(1, JourneyProperties.LEVELS)
				.mapToObj((n) -> new Value(n, message("journey.level." + n, locale)))
				.toList();
			case RECEIVED_CONTENT -> this.contents.list().stream().map((c) -> new Value(c.id(), c.name())).toList();
			case IN_SCENARIO -> this.scenarios.list().stream().map((s) -> new Value(s.id(), s.name())).toList();
			default -> null;
		};
	}

	private String message(String code, Locale locale) {
		return this.messages.getMessage(code, null, code, locale);
	}

}
