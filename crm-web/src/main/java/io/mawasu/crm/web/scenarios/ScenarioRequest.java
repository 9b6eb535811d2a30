package io.mawasu.crm.web.scenarios;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.scenario.ScenarioDefinition;
import io.mawasu.crm.web.segments.SegmentRuleSchema;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.DiscriminatorMapping;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST} and {@code PUT /api/scenarios}, as the OpenAPI document shows
 * it. The controller reads the body as text and crm-scenario's {@code ScenarioDefinition}
 * checks it: it tells an absent {@code quietHours} (the default 21:00–09:00) from
 * {@code null} (none), refuses unknown fields naming them, names the step of a fault and
 * stores the definition as posted, which binding this record could not. Its constraint
 * annotations are therefore the schema's bounds, not a second check: the parser enforces
 * them, and {@code ScenarioRequestTests} keeps both equal (every property accepted and
 * shown back, no field beyond these, every bound the same).
 */
@Schema(name = "ScenarioRequest", description = "A scenario definition; the first step is the entry")
@JsonInclude(JsonInclude.Include.NON_NULL)
record ScenarioRequest(
		@Schema(description = "Shown in lists and results", example = "F2 follow-up",
				requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = MAX_NAME) String name,
		@Schema(description = "The entry segment: its members enrol on activation and on every refresh", example = "1",
				requiredMode = Schema.RequiredMode.REQUIRED) @Min(1) long segmentId,
		@Schema(description = "A customer in several active scenarios stays in the one of the highest priority "
				+ "(tie: the older)", defaultValue = "0", example = "10") @Nullable Integer priority,
		@Schema(description = "Percent of the enrolled held out as the control group (never messaged)",
				defaultValue = "0", example = "10") @Min(0) @Max(MAX_CONTROL_PERCENT) @Nullable Integer controlPercent,
		@Schema(description = "At most max messages per customer within days; absent or null: no cap") @Nullable FrequencyCap frequencyCap,
		@Schema(description = "The conversion: absent or null for none") @Nullable Goal goal,
		@Schema(description = "Exit (NO_RESPONSE) after this many sends without an open or click; absent: never",
				example = "3") @Min(1) @Max(MAX_UNANSWERED) @Nullable Integer exitAfterUnansweredSends,
		@Schema(description = "When not to send, in the shop's time zone. Absent: 21:00–09:00; null: "
				+ "none. Per-channel windows (EMAIL, LINE, SMS; null for none) override the scenario's",
				nullable = true) @Nullable QuietHours quietHours,
		@Schema(description = "Whether a customer who left may enrol again; absent: NEVER", oneOf = {
				ReentryMode.class, AfterDays.class }, example = "{\"afterDays\":30}") @Nullable Object reentry,
		@ArraySchema(schema = @Schema(implementation = Step.class),
				arraySchema = @Schema(
						description = "The flow; the first step is the entry, every step reachable "
								+ "from it, every loop through a WAIT",
						requiredMode = Schema.RequiredMode.REQUIRED)) @NotEmpty @Size(min = 1,
								max = MAX_STEPS) List<Step> steps){

	static final int MAX_NAME = 200;

	static final int MAX_CONTROL_PERCENT = 90;

	static final int MAX_UNANSWERED = 1000;

	static final int MAX_STEPS = ScenarioDefinition.MAX_STEPS;

	static final int MAX_KEY = ScenarioDefinition.MAX_KEY;

	static final int MAX_DAYS = 3650;

	/** At most {@code max} messages per customer within {@code days} days. */
	@Schema(name = "FrequencyCap")
	record FrequencyCap(@Schema(example = "3") @Min(1) @Max(1000) int max,
			@Schema(example = "7") @Min(1) @Max(MAX_DAYS) int days,
			@Schema(description = "Count per channel instead of over all channels",
					defaultValue = "false") boolean perChannel) {
	}

	/** A purchase within {@code withinDays} days of enrolment. */
	@Schema(name = "ScenarioGoal")
	record Goal(@Schema(allowableValues = "PURCHASE", requiredMode = Schema.RequiredMode.REQUIRED) String type,
			@Schema(example = "14",
					requiredMode = Schema.RequiredMode.REQUIRED) @Min(1) @Max(MAX_DAYS) int withinDays) {
	}

	/**
	 * The scenario's window plus optional per-channel windows ({@code "SMS":{…}}, or
	 * {@code "EMAIL":null} for none on that channel), written as further properties.
	 */
	@Schema(name = "QuietHours", additionalPropertiesSchema = Window.class,
			description = "from/to (HH:mm) for the scenario, plus optional properties EMAIL, LINE, SMS: a window "
					+ "of that channel, or null for none on it",
			example = "{\"from\":\"21:00\",\"to\":\"09:00\",\"SMS\":{\"from\":\"20:00\",\"to\":\"10:00\"},\"EMAIL\":null}")
	record QuietHours(@Schema(example = "21:00", requiredMode = Schema.RequiredMode.REQUIRED) String from,
			@Schema(example = "09:00", requiredMode = Schema.RequiredMode.REQUIRED) String to,
			@JsonIgnore @Schema(hidden = true) Map<Channel, @Nullable Window> channels) {

		@JsonAnyGetter
		@JsonInclude(content = JsonInclude.Include.ALWAYS)
		Map<Channel, @Nullable Window> perChannel() {
			return this.channels;
		}

	}

	/**
	 * A quiet window: no message from {@code from} until {@code to} (may pass midnight).
	 */
	@Schema(name = "QuietWindow", nullable = true)
	record Window(@Schema(example = "20:00", requiredMode = Schema.RequiredMode.REQUIRED) String from,
			@Schema(example = "10:00", requiredMode = Schema.RequiredMode.REQUIRED) String to) {
	}

	/** Re-entry as a word: never (the default) or always. */
	@Schema(name = "ReentryMode")
	enum ReentryMode {

		NEVER, ALWAYS

	}

	/** Re-entry once {@code afterDays} days have passed since the exit. */
	@Schema(name = "ReentryAfterDays")
	record AfterDays(
			@Schema(example = "30", requiredMode = Schema.RequiredMode.REQUIRED) @Min(1) @Max(MAX_DAYS) int afterDays) {
	}

	/** A step of the flow, told apart by {@code type}. */
	@Schema(name = "ScenarioStep", oneOf = { Send.class, Wait.class, Branch.class, Exit.class },
			discriminatorProperty = "type",
			discriminatorMapping = { @DiscriminatorMapping(value = "SEND", schema = Send.class),
					@DiscriminatorMapping(value = "WAIT", schema = Wait.class),
					@DiscriminatorMapping(value = "BRANCH", schema = Branch.class),
					@DiscriminatorMapping(value = "EXIT", schema = Exit.class) })
	sealed interface Step permits Send, Wait, Branch, Exit {

		String key();

		String type();

	}

	/** Sends a content on its channel (treatment only), then goes on to {@code next}. */
	@Schema(name = "SendStep")
	record Send(
			@Schema(description = KEY, example = "s1",
					requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = MAX_KEY) String key,
			@Schema(allowableValues = "SEND", requiredMode = Schema.RequiredMode.REQUIRED) String type,
			@Schema(allowableValues = {
					"EMAIL", "LINE", "SMS" }, requiredMode = Schema.RequiredMode.REQUIRED) Channel channel,
			@Schema(description = "A content of the same channel", example = "1",
					requiredMode = Schema.RequiredMode.REQUIRED) @Min(1) long contentId,
			@Schema(description = NEXT, example = "w1", requiredMode = Schema.RequiredMode.REQUIRED) String next)
			implements
				Step{
	}

	/**
	 * Waits a positive ISO-8601 duration of at most P10Y, then goes on to {@code next}.
	 */
	@Schema(name = "WaitStep")
	record Wait(
			@Schema(description = KEY, example = "w1",
					requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = MAX_KEY) String key,
			@Schema(allowableValues = "WAIT", requiredMode = Schema.RequiredMode.REQUIRED) String type,
			@Schema(description = "A positive ISO-8601 duration in capitals, at most P10Y (or P3650D)", example = "P3D",
					requiredMode = Schema.RequiredMode.REQUIRED) String duration,
			@Schema(description = NEXT, example = "b1", requiredMode = Schema.RequiredMode.REQUIRED) String next)
			implements
				Step {
	}

	/**
	 * Goes to {@code then} when the condition holds for the customer, else to
	 * {@code else}.
	 */
	@Schema(name = "BranchStep")
	record Branch(
			@Schema(description = KEY, example = "b1",
					requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = MAX_KEY) String key,
			@Schema(allowableValues = "BRANCH", requiredMode = Schema.RequiredMode.REQUIRED) String type,
			@JsonProperty("if") @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Condition condition,
			@Schema(description = "The step when the condition holds", example = "x",
					requiredMode = Schema.RequiredMode.REQUIRED) String then,
			@JsonProperty("else") @Schema(description = "The step otherwise", example = "s2",
					requiredMode = Schema.RequiredMode.REQUIRED) String otherwise)
			implements
				Step {
	}

	/** Leaves the scenario (exit reason COMPLETED). */
	@Schema(name = "ExitStep")
	record Exit(
			@Schema(description = KEY, example = "x",
					requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = MAX_KEY) String key,
			@Schema(allowableValues = "EXIT", requiredMode = Schema.RequiredMode.REQUIRED) String type)
			implements
				Step {
	}

	static final String KEY = "Unique within the scenario; counts and results are per key";

	static final String NEXT = "The key of the step to go to";

	/** What a BRANCH tests: exactly one of these properties. */
	@Schema(name = "BranchCondition", oneOf = { Opened.class, Clicked.class, Purchased.class, RuleHolds.class })
	sealed interface Condition permits Opened, Clicked, Purchased, RuleHolds {

	}

	/** The customer opened the message of a SEND step (in this visit). */
	@Schema(name = "OpenedCondition")
	record Opened(@Schema(description = "The key of a SEND step", example = "s1",
			requiredMode = Schema.RequiredMode.REQUIRED) String opened) implements Condition {
	}

	/** The customer clicked a link of the message of a SEND step (in this visit). */
	@Schema(name = "ClickedCondition")
	record Clicked(@Schema(description = "The key of a SEND step", example = "s1",
			requiredMode = Schema.RequiredMode.REQUIRED) String clicked) implements Condition {
	}

	/** The customer ordered since enrolment. */
	@Schema(name = "PurchasedCondition")
	record Purchased(@Schema(description = "Always true", example = "true",
			requiredMode = Schema.RequiredMode.REQUIRED) boolean purchased) implements Condition {
	}

	/** A segment rule holds for the customer now. */
	@Schema(name = "RuleCondition")
	record RuleHolds(
			@Schema(implementation = SegmentRuleSchema.class, requiredMode = Schema.RequiredMode.REQUIRED) Object rule)
			implements
				Condition {
	}

}
