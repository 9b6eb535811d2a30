package io.mawasu.crm.web.segments;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The OpenAPI schema of a segment rule (DESIGN.md §4). The API binds a rule as a JSON
 * tree and crm-segmentation's {@code SegmentRule.parse} checks it, naming the JSON path
 * of a fault; these types only describe the tree for the OpenAPI document.
 */
@Schema(name = "SegmentRule",
		oneOf = { SegmentRuleSchema.All.class, SegmentRuleSchema.Any.class, SegmentRuleSchema.Not.class,
				SegmentRuleSchema.Condition.class },
		description = "{\"all\":[RULE…]}, {\"any\":[RULE…]}, {\"not\":RULE} or a condition "
				+ "{\"field\",\"op\",\"value\"}; at most 200 conditions and 10 levels",
		example = "{\"all\":[{\"field\":\"prefecture\",\"op\":\"eq\",\"value\":\"東京都\"},"
				+ "{\"field\":\"recencyDays\",\"op\":\"lte\",\"value\":90}]}")
public sealed interface SegmentRuleSchema {

	/**
	 * Sub-rules refer to this schema by name: resolving the type again would recurse
	 * without end.
	 */
	String SELF = "#/components/schemas/SegmentRule";

	/** Every sub-rule holds ({@code {"all":[]}} matches every customer). */
	@Schema(name = "SegmentRuleAll")
	record All(@ArraySchema(schema = @Schema(ref = SELF),
			arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED)) List<SegmentRuleSchema> all)
			implements
				SegmentRuleSchema {
	}

	/** At least one sub-rule holds ({@code {"any":[]}} matches no one). */
	@Schema(name = "SegmentRuleAny")
	record Any(@ArraySchema(schema = @Schema(ref = SELF),
			arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED)) List<SegmentRuleSchema> any)
			implements
				SegmentRuleSchema {
	}

	/** The sub-rule does not hold. */
	@Schema(name = "SegmentRuleNot")
	record Not(
			@Schema(ref = SELF, requiredMode = Schema.RequiredMode.REQUIRED) Object not) implements SegmentRuleSchema {
	}

	/** One test of a customer field. */
	@Schema(name = "SegmentCondition")
	record Condition(
			@Schema(description = "A rule field; GET /api/segments/fields lists them with their operators",
					example = "recencyDays", requiredMode = Schema.RequiredMode.REQUIRED) String field,
			@Schema(allowableValues = {
					"eq", "ne", "in", "notIn", "gt", "gte", "lt", "lte", "between", "contains" },
					requiredMode = Schema.RequiredMode.REQUIRED) String op,
			@Schema(description = "A number, text or channel as the field needs; a list for in/notIn (at most "
					+ "10,000), [low, high] for between; texts at most 500 characters", example = "90",
					requiredMode = Schema.RequiredMode.REQUIRED) Object value)
			implements
				SegmentRuleSchema{
	}

}
