package io.mawasu.crm.web.scenarios;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mawasu.crm.delivery.ContentRequest;
import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.segmentation.SegmentRule;
import io.mawasu.crm.segmentation.Segments;
import io.mawasu.crm.web.CrmIntegrationTest;
import io.mawasu.crm.web.TestUsers;
import io.mawasu.crm.web.scenarios.ScenarioRequest.AfterDays;
import io.mawasu.crm.web.scenarios.ScenarioRequest.Branch;
import io.mawasu.crm.web.scenarios.ScenarioRequest.Clicked;
import io.mawasu.crm.web.scenarios.ScenarioRequest.Exit;
import io.mawasu.crm.web.scenarios.ScenarioRequest.FrequencyCap;
import io.mawasu.crm.web.scenarios.ScenarioRequest.Goal;
import io.mawasu.crm.web.scenarios.ScenarioRequest.Opened;
import io.mawasu.crm.web.scenarios.ScenarioRequest.Purchased;
import io.mawasu.crm.web.scenarios.ScenarioRequest.QuietHours;
import io.mawasu.crm.web.scenarios.ScenarioRequest.RuleHolds;
import io.mawasu.crm.web.scenarios.ScenarioRequest.Send;
import io.mawasu.crm.web.scenarios.ScenarioRequest.Wait;
import io.mawasu.crm.web.scenarios.ScenarioRequest.Window;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * {@link ScenarioRequest}, the OpenAPI schema of a scenario, and crm-scenario's parser,
 * which reads the posted text, agree: every documented property is accepted and shown
 * back as posted, the parser takes no field the record lacks, every bound annotated on
 * the record is the parser's, and {@code GET} has exactly the fields of
 * {@link ScenarioDetail}.
 */
@CrmIntegrationTest
class ScenarioRequestTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Segments segments;

	@Autowired
	Contents contents;

	long segmentId;

	Map<Channel, Long> content = new EnumMap<>(Channel.class);

	@BeforeEach
	void seed() {
		TestUsers.ensure(this.accounts);
		String city = "screq-" + UUID.randomUUID();
		this.segmentId = this.segments.create("Scenario request " + city,
				SegmentRule.parse("{\"field\":\"city\",\"op\":\"eq\",\"value\":\"" + city + "\"}"), null);
		this.content.put(Channel.EMAIL, this.contents
			.create(new ContentRequest("Mail", Channel.EMAIL, "Hi", "<p>Hi</p>", null, null, null), "test"));
		this.content.put(Channel.LINE, this.contents
			.create(new ContentRequest("Line", Channel.LINE, null, null, null, List.of("Hi"), null), "test"));
		this.content.put(Channel.SMS,
				this.contents.create(new ContentRequest("Sms", Channel.SMS, null, "Hi", null, null, null), "test"));
	}

	/** A scenario using every property, step type and branch condition of the record. */
	ScenarioRequest everything() {
		Map<Channel, @Nullable Window> channels = new EnumMap<>(Channel.class);
		channels.put(Channel.SMS, new Window("20:00", "10:00"));
		channels.put(Channel.LINE, new Window("22:00", "08:00"));
		channels.put(Channel.EMAIL, null);
		JsonNode rule = JSON.readTree("{\"all\":[{\"field\":\"recencyDays\",\"op\":\"lte\",\"value\":90}]}");
		return new ScenarioRequest("Every field", this.segmentId, 5, 10, new FrequencyCap(3, 7, true),
				new Goal("PURCHASE", 14), 3, new QuietHours("21:00", "09:00", channels), new AfterDays(30),
				List.of(new Send("s1", "SEND", Channel.EMAIL, this.content.get(Channel.EMAIL), "w1"),
						new Wait("w1", "WAIT", "P3D", "b1"), new Branch("b1", "BRANCH", new Opened("s1"), "b2", "x"),
						new Branch("b2", "BRANCH", new Clicked("s1"), "b3", "x"),
						new Branch("b3", "BRANCH", new Purchased(true), "x", "b4"),
						new Branch("b4", "BRANCH", new RuleHolds(rule), "s2", "s3"),
						new Send("s2", "SEND", Channel.LINE, this.content.get(Channel.LINE), "x"),
						new Send("s3", "SEND", Channel.SMS, this.content.get(Channel.SMS), "x"),
						new Exit("x", "EXIT")));
	}

	static ObjectNode tree(Object value) {
		return (ObjectNode) JSON.readTree(JSON.writeValueAsString(value));
	}

	MockHttpServletResponse send(String json) throws Exception {
		return this.mvc
			.perform(post("/api/scenarios").with(TestUsers.basic(Role.MARKETER))
				.header("Accept-Language", "en")
				.contentType(MediaType.APPLICATION_JSON)
				.content(json))
			.andReturn()
			.getResponse();
	}

	@Test
	void everyDocumentedPropertyIsAcceptedAndShownBackAsPosted() throws Exception {
		ObjectNode posted = tree(everything());
		assertThat(posted.propertyNames()).containsExactlyInAnyOrderElementsOf(properties(ScenarioRequest.class));
		MockHttpServletResponse created = send(posted.toString());
		assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
		long id = JSON.readTree(created.getContentAsString()).get("id").asLong();
		JsonNode shown = JSON
			.readTree(this.mvc.perform(get("/api/scenarios/{id}", id).with(TestUsers.basic(Role.ANALYST)))
				.andReturn()
				.getResponse()
				.getContentAsString());
		for (String property : posted.propertyNames()) {
			assertThat(shown.get(property)).as(property).isEqualTo(posted.get(property));
		}
		assertThat(shown.propertyNames()).containsExactlyInAnyOrderElementsOf(properties(ScenarioDetail.class));
		// the contract's fields, nulls included (as the former map wrote them)
		assertThat(shown.propertyNames()).containsExactlyInAnyOrder("id", "name", "status", "segmentId", "priority",
				"controlPercent", "frequencyCap", "goal", "exitAfterUnansweredSends", "quietHours", "reentry", "steps",
				"createdBy", "createdAt", "editedAt", "testSentAt", "activatedAt", "enrollments", "counts", "exits",
				"failures");
		assertThat(shown.get("testSentAt").isNull()).isTrue();
		assertThat(shown.get("quietHours").get("EMAIL").isNull()).isTrue();
		assertThat(shown.get("enrollments").propertyNames()).containsExactlyInAnyOrder("total", "active", "TREATMENT",
				"CONTROL", "treatmentGoal", "controlGoal");
		assertThat(shown.get("failures").propertyNames()).containsExactlyInAnyOrder("count", "lastError",
				"lastFailedAt", "failingEnrollments");
		assertThat(shown.get("failures").get("lastError").isNull()).isTrue();
		assertThat(shown.get("counts").get("s1").get("SENT").asLong()).isZero();
	}

	@Test
	void absentAndNullFieldsAreShownAsBefore() throws Exception {
		ObjectNode minimal = tree(everything());
		for (String optional : List.of("priority", "controlPercent", "frequencyCap", "goal", "exitAfterUnansweredSends",
				"quietHours", "reentry")) {
			minimal.remove(optional);
		}
		JsonNode shown = show(minimal);
		assertThat(shown.get("priority").asInt()).isZero();
		assertThat(shown.get("controlPercent").asInt()).isZero();
		assertThat(shown.get("frequencyCap").isNull()).isTrue();
		assertThat(shown.get("goal").isNull()).isTrue();
		assertThat(shown.get("exitAfterUnansweredSends").isNull()).isTrue();
		assertThat(shown.get("quietHours")).isEqualTo(JSON.readTree("{\"from\":\"21:00\",\"to\":\"09:00\"}"));
		assertThat(shown.get("reentry").asString()).isEqualTo("NEVER");
		minimal.putNull("quietHours");
		minimal.put("reentry", "ALWAYS");
		shown = show(minimal);
		assertThat(shown.get("quietHours").isNull()).isTrue();
		assertThat(shown.get("reentry").asString()).isEqualTo("ALWAYS");
	}

	JsonNode show(ObjectNode definition) throws Exception {
		MockHttpServletResponse created = send(definition.toString());
		assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
		long id = JSON.readTree(created.getContentAsString()).get("id").asLong();
		return JSON.readTree(this.mvc.perform(get("/api/scenarios/{id}", id).with(TestUsers.basic(Role.ANALYST)))
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	/**
	 * An object of the request, the record describing it, and how the parser names it.
	 */
	record Place(String pointer, Class<?> type, String prefix, @Nullable String step, int index) {

		String field(String property) {
			if (this.step == null) {
				return this.prefix + property;
			}
			return property.equals("key") ? "steps[" + this.index + "].key" : property;
		}

		@Nullable String stepOf(String property) {
			return (this.step != null && !property.equals("key")) ? this.step : null;
		}

	}

	static final List<Place> PLACES = List.of(new Place("", ScenarioRequest.class, "", null, -1),
			new Place("/frequencyCap", FrequencyCap.class, "frequencyCap.", null, -1),
			new Place("/goal", Goal.class, "goal.", null, -1),
			new Place("/reentry", AfterDays.class, "reentry.", null, -1),
			new Place("/quietHours", QuietHours.class, "quietHours.", null, -1),
			new Place("/quietHours/SMS", Window.class, "quietHours.SMS.", null, -1),
			new Place("/steps/0", Send.class, "", "s1", 0), new Place("/steps/1", Wait.class, "", "w1", 1),
			new Place("/steps/2", Branch.class, "", "b1", 2), new Place("/steps/8", Exit.class, "", "x", 8));

	@Test
	void theParserTakesNoFieldTheRecordLacks() throws Exception {
		for (Place place : PLACES) {
			ObjectNode request = tree(everything());
			((ObjectNode) request.at(place.pointer())).put("undocumented", 1);
			if (place.type() == AfterDays.class) {
				// "NEVER", "ALWAYS" or {"afterDays": n}: anything else is refused as a
				// whole
				refused(request, "reentry", null);
				continue;
			}
			JsonNode problem = refused(request, place.field("undocumented"), place.stepOf("undocumented"));
			String detail = problem.get("detail").asString();
			Set<String> accepted = new LinkedHashSet<>(
					Arrays.asList(detail.substring(detail.lastIndexOf("; use ") + 6).split(", ")));
			Set<String> documented = new LinkedHashSet<>(properties(place.type()));
			if (place.type() == QuietHours.class) {
				Channel.messagingChannels().forEach((channel) -> documented.add(channel.name()));
			}
			assertThat(accepted).as(place.pointer()).containsExactlyInAnyOrderElementsOf(documented);
		}
	}

	@Test
	void theRecordsBoundsAreTheParsers() throws Exception {
		List<String> checked = new ArrayList<>();
		for (Place place : PLACES) {
			for (RecordComponent component : place.type().getRecordComponents()) {
				String name = jsonName(component);
				if (name == null) {
					continue;
				}
				String field = place.field(name);
				String step = place.stepOf(name);
				Max max = component.getAccessor().getAnnotation(Max.class);
				if (max != null) {
					accepted(with(place, name, max.value()));
					refused(with(place, name, max.value() + 1), field, step);
					checked.add(field + " <= " + max.value());
				}
				Min min = component.getAccessor().getAnnotation(Min.class);
				if (min != null) {
					refused(with(place, name, min.value() - 1), field, step);
					checked.add(field + " >= " + min.value());
				}
				Size size = component.getAccessor().getAnnotation(Size.class);
				if (size != null && component.getType() == String.class) {
					String longest = "k".repeat(size.max());
					ObjectNode atMax = with(place, name, longest);
					String json = atMax.toString();
					if (name.equals("key")) {
						// a key is referred to by other steps: rename it everywhere
						json = tree(everything()).toString().replace("\"" + place.step() + "\"", "\"" + longest + "\"");
					}
					accepted(JSON.readTree(json));
					refused(with(place, name, longest + "k"), field, step);
					checked.add(field + " length <= " + size.max());
				}
				if (component.getAccessor().getAnnotation(NotBlank.class) != null) {
					refused(with(place, name, " "), field, step);
					checked.add(field + " not blank");
				}
			}
		}
		ObjectNode request = tree(everything());
		ArrayNode steps = request.putArray("steps");
		for (int i = 1; i < ScenarioRequest.MAX_STEPS; i++) {
			steps.add(tree(new Wait("w" + i, "WAIT", "P1D", "w" + (i + 1))));
		}
		steps.add(tree(new Exit("w" + ScenarioRequest.MAX_STEPS, "EXIT")));
		accepted(request);
		steps.insert(0, tree(new Wait("w0", "WAIT", "P1D", "w1")));
		refused(request, "steps", null);
		request.putArray("steps");
		refused(request, "steps", null);
		assertThat(accessor("steps").getAnnotation(Size.class).max()).isEqualTo(ScenarioRequest.MAX_STEPS);
		assertThat(accessor("steps").getAnnotation(Size.class).min()).isOne();
		assertThat(checked).contains("name length <= 200", "controlPercent <= 90", "controlPercent >= 0",
				"exitAfterUnansweredSends <= 1000", "frequencyCap.days <= 3650", "goal.withinDays >= 1",
				"reentry.afterDays <= 3650", "steps[0].key length <= 100", "contentId >= 1", "segmentId >= 1");
	}

	ObjectNode with(Place place, String name, Object value) {
		ObjectNode request = tree(everything());
		ObjectNode parent = (ObjectNode) request.at(place.pointer());
		if (value instanceof Long number) {
			parent.put(name, number);
		}
		else {
			parent.put(name, (String) value);
		}
		return request;
	}

	void accepted(JsonNode request) throws Exception {
		MockHttpServletResponse response = send(request.toString());
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
	}

	JsonNode refused(JsonNode request, String field, @Nullable String step) throws Exception {
		MockHttpServletResponse response = send(request.toString());
		assertThat(response.getStatus()).as(request.toString()).isEqualTo(400);
		JsonNode problem = JSON.readTree(response.getContentAsString());
		assertThat(problem.path("field").asString()).as(problem.toString()).isEqualTo(field);
		JsonNode named = problem.path("step");
		assertThat((named.isNull() || named.isMissingNode()) ? null : named.asString()).as(problem.toString())
			.isEqualTo(step);
		return problem;
	}

	static java.lang.reflect.Method accessor(String component) throws NoSuchMethodException {
		return ScenarioRequest.class.getDeclaredMethod(component);
	}

	/** The JSON property names of a record (as Jackson writes it). */
	static List<String> properties(Class<?> type) {
		List<String> names = new ArrayList<>();
		for (RecordComponent component : type.getRecordComponents()) {
			String name = jsonName(component);
			if (name != null) {
				names.add(name);
			}
		}
		return names;
	}

	static @Nullable String jsonName(RecordComponent component) {
		// annotations of a record component reach its accessor (their targets lack
		// RECORD_COMPONENT)
		if (component.getAccessor().getAnnotation(JsonIgnore.class) != null) {
			return null;
		}
		JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
		return (property != null) ? property.value() : component.getName();
	}

}
