package io.mawasu.crm.web.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.mawasu.crm.web.CrmIntegrationTest;
import io.mawasu.crm.web.TestUsers;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The OpenAPI document describes the bodies of the scenario, content and segment API:
 * request bodies with their properties (also where the controller reads the body as text)
 * and response schemas instead of a plain object.
 */
@CrmIntegrationTest
class ApiSchemaTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserAccounts accounts;

	JsonNode api;

	@BeforeEach
	void readTheDocument() throws Exception {
		TestUsers.ensure(this.accounts);
		String json = this.mvc.perform(get("/v3/api-docs").with(TestUsers.basic(Role.ADMIN)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		this.api = JsonMapper.builder().build().readTree(json);
	}

	@Test
	void aScenarioRequestShowsItsFieldsStepsAndConditions() {
		JsonNode request = resolve(requestSchema("/api/scenarios", "post"));
		assertThat(request.path("properties").propertyNames()).containsExactlyInAnyOrder("name", "segmentId",
				"priority", "controlPercent", "frequencyCap", "goal", "exitAfterUnansweredSends", "quietHours",
				"reentry", "steps");
		assertThat(request.path("required").values()).extracting(JsonNode::asString)
			.contains("name", "segmentId", "steps");
		assertThat(request.at("/properties/name/maxLength").asInt()).isEqualTo(200);
		assertThat(request.at("/properties/controlPercent/maximum").asInt()).isEqualTo(90);
		JsonNode steps = request.at("/properties/steps");
		assertThat(steps.path("type").asString()).isEqualTo("array");
		assertThat(steps.path("maxItems").asInt()).isEqualTo(100);
		assertThat(steps.path("minItems").asInt()).isEqualTo(1);
		JsonNode step = resolve(steps.path("items"));
		assertThat(refs(step.path("oneOf"))).containsExactlyInAnyOrder("SendStep", "WaitStep", "BranchStep",
				"ExitStep");
		assertThat(step.at("/discriminator/propertyName").asString()).isEqualTo("type");
		JsonNode branch = schema("BranchStep");
		assertThat(branch.path("properties").propertyNames()).containsExactlyInAnyOrder("key", "type", "if", "then",
				"else");
		assertThat(refs(resolve(branch.at("/properties/if")).path("oneOf")))
			.containsExactlyInAnyOrder("OpenedCondition", "ClickedCondition", "PurchasedCondition", "RuleCondition");
		assertThat(schema("SendStep").path("properties").propertyNames()).containsExactlyInAnyOrder("key", "type",
				"channel", "contentId", "next");
		JsonNode quiet = resolve(request.at("/properties/quietHours"));
		assertThat(quiet.path("properties").propertyNames()).containsExactlyInAnyOrder("from", "to");
		assertThat(resolve(quiet.path("additionalProperties")).path("properties").propertyNames())
			.containsExactlyInAnyOrder("from", "to");
		JsonNode reentry = request.at("/properties/reentry/oneOf");
		assertThat(refs(reentry)).contains("ReentryAfterDays");
		assertThat(reentry.findValues("enum")).singleElement()
			.satisfies((words) -> assertThat(words.values()).extracting(JsonNode::asString)
				.containsExactly("NEVER", "ALWAYS"));
		assertThat(this.api.at("/paths/~1api~1scenarios~1{id}/put/requestBody/content/application~1json/schema/$ref")
			.asString()).endsWith("/ScenarioRequest");
	}

	@Test
	void contentAndSegmentRequestsShowTheirFields() {
		JsonNode content = resolve(requestSchema("/api/contents", "post"));
		assertThat(content.path("properties").propertyNames()).containsExactlyInAnyOrder("name", "channel", "subject",
				"body", "text", "messages", "variants");
		assertThat(content.at("/properties/subject/maxLength").asInt()).isEqualTo(500);
		assertThat(resolve(content.at("/properties/variants/items")).path("properties").propertyNames()).contains("key",
				"weight");
		JsonNode segment = resolve(requestSchema("/api/segments", "post"));
		assertThat(segment.path("properties").propertyNames()).containsExactlyInAnyOrder("name", "rule");
		JsonNode rule = resolve(segment.at("/properties/rule"));
		assertThat(refs(rule.path("oneOf"))).containsExactlyInAnyOrder("SegmentRuleAll", "SegmentRuleAny",
				"SegmentRuleNot", "SegmentCondition");
		assertThat(schema("SegmentCondition").path("properties").propertyNames()).containsExactlyInAnyOrder("field",
				"op", "value");
		assertThat(resolve(requestSchema("/api/segments/count", "post")).path("properties").propertyNames())
			.containsExactly("rule");
	}

	@Test
	void scenarioResponsesHaveSchemas() {
		for (String[] operation : new String[][] { { "/api/scenarios/{id}", "get" }, { "/api/scenarios/{id}", "put" },
				{ "/api/scenarios/{id}/{action}", "post" } }) {
			JsonNode scenario = resolve(responseSchema(operation[0], operation[1]));
			assertThat(scenario.path("properties").propertyNames()).as(operation[1] + " " + operation[0])
				.contains("id", "status", "steps", "quietHours", "reentry", "enrollments", "counts", "exits",
						"failures");
		}
		JsonNode scenario = resolve(responseSchema("/api/scenarios/{id}", "get"));
		assertThat(resolve(scenario.at("/properties/enrollments")).path("properties").propertyNames())
			.containsExactlyInAnyOrder("total", "active", "TREATMENT", "CONTROL", "treatmentGoal", "controlGoal");
		assertThat(resolve(scenario.at("/properties/failures")).path("properties").propertyNames())
			.containsExactlyInAnyOrder("count", "lastError", "lastFailedAt", "failingEnrollments");
		assertThat(resolve(responseSchema("/api/scenarios/{id}/activation-preview", "get")).path("properties")
			.propertyNames()).contains("members", "notReachable", "control", "treatment", "firstStepSends");
		assertThat(resolve(responseSchema("/api/scenarios/{id}/test-send", "post")).path("properties").propertyNames())
			.containsExactly("sent");
		assertThat(resolve(responseSchema("/api/contents/{id}", "get")).path("properties").propertyNames())
			.contains("id", "channel", "variants");
		assertThat(resolve(responseSchema("/api/segments/count", "post")).path("properties").propertyNames())
			.containsExactlyInAnyOrder("size", "reachable");
	}

	private JsonNode requestSchema(String path, String method) {
		JsonNode schema = this.api.path("paths")
			.path(path)
			.path(method)
			.at("/requestBody/content/application~1json/schema");
		assertThat(schema.isMissingNode()).as("request body schema of %s %s", method, path).isFalse();
		return schema;
	}

	private JsonNode responseSchema(String path, String method) {
		JsonNode responses = this.api.path("paths").path(path).path(method).path("responses");
		for (String code : List.of("200", "201")) {
			JsonNode schema = responses.path(code).path("content").path("*/*").path("schema");
			if (schema.isMissingNode()) {
				schema = responses.path(code).path("content").path("application/json").path("schema");
			}
			if (!schema.isMissingNode()) {
				return schema;
			}
		}
		throw new AssertionError("no response schema for " + method + " " + path + ": " + responses);
	}

	private JsonNode schema(String name) {
		JsonNode schema = this.api.at("/components/schemas/" + name);
		assertThat(schema.isMissingNode()).as("component %s", name).isFalse();
		return schema;
	}

	/** The schema itself, following a {@code $ref} to a component. */
	private JsonNode resolve(JsonNode schema) {
		JsonNode ref = schema.path("$ref");
		if (ref.isString()) {
			return schema(ref.asString().substring(ref.asString().lastIndexOf('/') + 1));
		}
		return schema;
	}

	private static List<String> refs(JsonNode oneOf) {
		List<String> names = new ArrayList<>();
		for (JsonNode item : oneOf.values()) {
			String ref = item.path("$ref").asString("");
			names.add(ref.substring(ref.lastIndexOf('/') + 1));
		}
		return names;
	}

}
