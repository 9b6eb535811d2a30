package io.mawasu.crm.segmentation;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.mawasu.crm.segmentation.RuleOperator.BETWEEN;
import static io.mawasu.crm.segmentation.RuleOperator.CONTAINS;
import static io.mawasu.crm.segmentation.RuleOperator.EQ;
import static io.mawasu.crm.segmentation.RuleOperator.GT;
import static io.mawasu.crm.segmentation.RuleOperator.GTE;
import static io.mawasu.crm.segmentation.RuleOperator.IN;
import static io.mawasu.crm.segmentation.RuleOperator.LT;
import static io.mawasu.crm.segmentation.RuleOperator.LTE;
import static io.mawasu.crm.segmentation.RuleOperator.NE;
import static io.mawasu.crm.segmentation.RuleOperator.NOT_IN;

/**
 * The fields a rule condition may test, by their JSON name, with the kind of value each
 * takes and the operators valid for it.
 * <ul>
 * <li>Days fields count calendar days in the shop's zone up to today:
 * {@code registeredDays} since registration, {@code recencyDays} since the last order
 * with a positive amount, {@code openedWithinDays} / {@code clickedWithinDays} since the
 * last open / click on any channel (so "opened within 30 days" is
 * {@code {"field":"openedWithinDays","op":"lte","value":30}}). A customer without the
 * fact has no value and matches no comparison.</li>
 * <li>{@code frequency} is the number of orders with a positive amount,
 * {@code orderCount} all orders, {@code monetary} the total spent; a customer without
 * orders has 0 for each.</li>
 * <li>{@code r}, {@code f}, {@code m}, {@code rfmSegment} come from the latest finished
 * RFM run.</li>
 * <li>{@code purchasedCategory} / {@code purchasedBrand} test whether any order has the
 * category / brand ({@code ne} and {@code notIn}: no order has it).</li>
 * <li>{@code consent} takes a channel: opted in on it now ({@code ne}: not opted
 * in).</li>
 * <li>{@code pAlive}, {@code expectedPurchases}, {@code predictedClv} come from the
 * newest CLV fit; a customer outside it has no value and matches no comparison.</li>
 * <li>{@code journeyStage} ({@code REGISTERED}, {@code FIRST}, {@code REPEAT},
 * {@code REGULAR}) and {@code affinity} (1–4) are the customer journey as of today, by
 * the rule of {@link JourneyProperties}; a customer registered after today has
 * neither.</li>
 * <li>{@code receivedContent} takes a content id: the customer has a SENT message of it
 * (crm-delivery's {@code v_message}); {@code inScenario} a scenario id: the customer is
 * enrolled in it now, an ACTIVE enrolment (crm-scenario's {@code v_enrollment}).
 * {@code ne} and {@code notIn}: none such.</li>
 * </ul>
 */
public enum RuleField {

	GENDER("gender", ValueKind.GENDER, Ops.EQUALITY), AGE("age", ValueKind.AGE, Ops.ORDERED),
	PREFECTURE("prefecture", ValueKind.TEXT, Ops.TEXT), CITY("city", ValueKind.TEXT, Ops.TEXT),
	TAG("tag", ValueKind.TEXT, Ops.TEXT), REGISTERED_DAYS("registeredDays", ValueKind.COUNT, Ops.ORDERED),
	RECENCY_DAYS("recencyDays", ValueKind.COUNT, Ops.ORDERED), FREQUENCY("frequency", ValueKind.COUNT, Ops.ORDERED),
	MONETARY("monetary", ValueKind.AMOUNT, Ops.ORDERED), RFM_SEGMENT("rfmSegment", ValueKind.TEXT, Ops.EQUALITY),
	R("r", ValueKind.SCORE, Ops.ORDERED), F("f", ValueKind.SCORE, Ops.ORDERED), M("m", ValueKind.SCORE, Ops.ORDERED),
	PURCHASED_CATEGORY("purchasedCategory", ValueKind.TEXT, Ops.TEXT),
	PURCHASED_BRAND("purchasedBrand", ValueKind.TEXT, Ops.TEXT),
	ORDER_COUNT("orderCount", ValueKind.COUNT, Ops.ORDERED), CONSENT("consent", ValueKind.CHANNEL, Ops.EQUALITY),
	OPENED_WITHIN_DAYS("openedWithinDays", ValueKind.COUNT, Ops.ORDERED),
	CLICKED_WITHIN_DAYS("clickedWithinDays", ValueKind.COUNT, Ops.ORDERED),
	P_ALIVE("pAlive", ValueKind.AMOUNT, Ops.ORDERED),
	EXPECTED_PURCHASES("expectedPurchases", ValueKind.AMOUNT, Ops.ORDERED),
	PREDICTED_CLV("predictedClv", ValueKind.AMOUNT, Ops.ORDERED),
	JOURNEY_STAGE("journeyStage", ValueKind.STAGE, Ops.EQUALITY), AFFINITY("affinity", ValueKind.LEVEL, Ops.ORDERED),
	RECEIVED_CONTENT("receivedContent", ValueKind.ID, Ops.EQUALITY),
	IN_SCENARIO("inScenario", ValueKind.ID, Ops.EQUALITY);

	private final String json;

	private final ValueKind kind;

	private final Set<RuleOperator> operators;

	RuleField(String json, ValueKind kind, Set<RuleOperator> operators) {
		this.json = json;
		this.kind = kind;
		this.operators = operators;
	}

	/** The field's name in the rule JSON. */
	public String json() {
		return this.json;
	}

	public ValueKind kind() {
		return this.kind;
	}

	/** The operators valid for this field, in declaration order. */
	public List<RuleOperator> operators() {
		return List.copyOf(this.operators);
	}

	public boolean allows(RuleOperator operator) {
		return this.operators.contains(operator);
	}

	public static Optional<RuleField> ofJson(String name) {
		return Arrays.stream(values()).filter((field) -> field.json.equals(name)).findFirst();
	}

	/**
	 * What a value of a field must be: text, a whole number from 0 (counts and days), an
	 * age (0–150), an amount (any number from 0), a score (1–5), a gender ({@code F},
	 * {@code M}, {@code O}), a channel ({@code EMAIL}, {@code LINE}, {@code SMS}), a
	 * journey stage ({@link JourneyStage}), an affinity level (1–4) or the id of a
	 * content or scenario (a whole number from 1).
	 */
	public enum ValueKind {

		TEXT, COUNT, AGE, AMOUNT, SCORE, GENDER, CHANNEL, STAGE, LEVEL, ID;

		public boolean numeric() {
			return this == COUNT || this == AGE || this == AMOUNT || this == SCORE || this == LEVEL;
		}

	}

	private static final class Ops {

		static final Set<RuleOperator> EQUALITY = EnumSet.of(EQ, NE, IN, NOT_IN);

		static final Set<RuleOperator> TEXT = EnumSet.of(EQ, NE, IN, NOT_IN, CONTAINS);

		static final Set<RuleOperator> ORDERED = EnumSet.of(EQ, NE, IN, NOT_IN, GT, GTE, LT, LTE, BETWEEN);

	}

}
