package io.mawasu.crm.scenario;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.mawasu.crm.delivery.SendRules.FrequencyCap;
import io.mawasu.crm.delivery.SendRules.QuietHours;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.segmentation.InvalidSegmentRule;
import io.mawasu.crm.segmentation.SegmentRule;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scenario as posted: entry segment, priority, control share, send rules, goal,
 * re-entry and steps, the first step being the entry. {@link #parse} checks the whole
 * definition (fields, step graph, contents, durations) and throws {@link InvalidScenario}
 * naming the step and field of the first fault; a parsed definition is always valid.
 */
public record ScenarioDefinition(String name, long segmentId, int priority, int controlPercent,
		@Nullable FrequencyCap frequencyCap, @Nullable Goal goal, @Nullable Integer exitAfterUnansweredSends,
		@Nullable QuietHours quietHours, Reentry reentry, List<Step> steps,
		Map<Channel, @Nullable QuietHours> channelQuietHours) {

	/** Quiet hours when the definition has none: 21:00–09:00 in the shop's zone. */
	public static final QuietHours DEFAULT_QUIET_HOURS = new QuietHours(LocalTime.of(21, 0), LocalTime.of(9, 0));

	/** The most steps a definition may have. */
	public static final int MAX_STEPS = 100;

	/** The longest step key, in characters. */
	public static final int MAX_KEY = 100;

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<String> TOP_KEYS = Set.of("name", "segmentId", "priority", "controlPercent",
			"frequencyCap", "goal", "exitAfterUnansweredSends", "quietHours", "reentry", "steps");

	public ScenarioDefinition {
		steps = List.copyOf(steps);
	}

	/** The goal: a purchase within {@code withinDays} days of enrolment. */
	public record Goal(String type, int withinDays) {
	}

	/**
	 * Whether a customer who left may enrol again: never, always, or once
	 * {@code afterDays} days have passed since the exit.
	 */
	public record Reentry(Kind kind, @Nullable Integer afterDays) {

		public enum Kind {

			NEVER, ALWAYS, AFTER_DAYS

		}

		public static final Reentry NEVER = new Reentry(Kind.NEVER, null);

		public static final Reentry ALWAYS = new Reentry(Kind.ALWAYS, null);

		/** As posted: "NEVER", "ALWAYS" or {"afterDays": n}. */
		public Object json() {
			return (this.kind == Kind.AFTER_DAYS) ? Map.of("afterDays", this.afterDays) : this.kind.name();
		}

	}

	/** A step of the flow. */
	public sealed interface Step {

		String key();

		String type();

		/** The keys this step can go to, in order. */
		List<String> targets();

	}

	/** Sends a content on a channel (TREATMENT only), then goes to {@code next}. */
	public record Send(String key, Channel channel, long contentId, String next) implements Step {

		public String type() {
			return "SEND";
		}

		public List<String> targets() {
			return List.of(this.next);
		}

	}

	/**
	 * Waits an ISO-8601 duration ({@code PT30M}, {@code P3D}), then goes to {@code next}.
	 */
	public record Wait(String key, String duration, String next) implements Step {

		public String type() {
			return "WAIT";
		}

		public List<String> targets() {
			return List.of(this.next);
		}

	}

	/**
	 * Goes to {@code then} when the condition holds for the customer, else
	 * {@code otherwise}.
	 */
	public record Branch(String key, Condition condition, String then, String otherwise) implements Step {

		public String type() {
			return "BRANCH";
		}

		public List<String> targets() {
			return List.of(this.then, this.otherwise);
		}

	}

	/** Leaves the scenario (COMPLETED). */
	public record Exit(String key) implements Step {

		public String type() {
			return "EXIT";
		}

		public List<String> targets() {
			return List.of();
		}

	}

	/** What a BRANCH tests. */
	public sealed interface Condition {

	}

	/** The customer opened the message of a previous SEND step. */
	public record Opened(String step) implements Condition {
	}

	/** The customer clicked a link of the message of a previous SEND step. */
	public record Clicked(String step) implements Condition {
	}

	/** The customer ordered since enrolment. */
	public record Purchased() implements Condition {
	}

	/** A segment rule (DESIGN.md §4) holds for the customer now. */
	public record Rule(SegmentRule rule) implements Condition {
	}

	/** What the parser needs to know about the world. */
	interface Lookups {

		/** The channel of a content; empty when there is no such content. */
		Optional<Channel> contentChannel(long contentId);

		boolean segmentExists(long segmentId);

	}

	public Step entry() {
		return this.steps.get(0);
	}

	public Optional<Step> step(String key) {
		return this.steps.stream().filter((s) -> s.key().equals(key)).findFirst();
	}

	/**
	 * The send rules a message on {@code channel} is checked against: the channel's own
	 * quiet hours when the definition gives them ({@code "quietHours":{"from":…,"to":…,
	 * "SMS":{"from":"20:00","to":"10:00"},"EMAIL":null}}), else the scenario's.
	 */
	public io.mawasu.crm.delivery.SendRules sendRules(Channel channel) {
		QuietHours quiet = this.channelQuietHours.containsKey(channel) ? this.channelQuietHours.get(channel)
				: this.quietHours;
		return new io.mawasu.crm.delivery.SendRules(this.frequencyCap, quiet);
	}

	/**
	 * A definition as stored: checked when it was saved, so contents and segment are
	 * trusted.
	 */
	static ScenarioDefinition stored(String json) {
		return parse(json, null, false);
	}

	/**
	 * A stored definition checked again as on save, but for contents and segment: what
	 * activation and resumption need ({@link #durationProblem} bounds included).
	 */
	static ScenarioDefinition bounded(String json) {
		return parse(json, null, true);
	}

	/** Parses and checks a definition posted as JSON text. */
	static ScenarioDefinition parse(String json, @Nullable Lookups lookups) {
		return parse(json, lookups, true);
	}

	private static ScenarioDefinition parse(String json, @Nullable Lookups lookups, boolean bounded) {
		JsonNode root;
		try {
			root = JSON.readTree(json);
		}
		catch (JacksonException ex) {
			throw new InvalidScenario(null, "body", "is not valid JSON (" + ex.getOriginalMessage() + ")");
		}
		if (root == null || !root.isObject()) {
			throw new InvalidScenario(null, "body", "must be a JSON object");
		}
		for (String key : root.propertyNames()) {
			if (!TOP_KEYS.contains(key)) {
				throw new InvalidScenario(null, key, "is not a scenario field; use " + String.join(", ", TOP_KEYS));
			}
		}
		JsonNode nameNode = root.get("name");
		if (nameNode == null || !nameNode.isString() || nameNode.stringValue().isBlank()) {
			throw new InvalidScenario(null, "name", "is missing: give the scenario a name");
		}
		if (nameNode.stringValue().length() > 200) {
			throw new InvalidScenario(null, "name",
					"has " + nameNode.stringValue().length() + " characters; at most 200 are allowed");
		}
		long segmentId = wholeNumber(root, "segmentId", null, 1, Long.MAX_VALUE, null);
		if (lookups != null && !lookups.segmentExists(segmentId)) {
			throw new InvalidScenario(null, "segmentId", "is not a segment: no segment has id " + segmentId);
		}
		int priority = (int) wholeNumber(root, "priority", null, Integer.MIN_VALUE, Integer.MAX_VALUE, 0L);
		int controlPercent = (int) wholeNumber(root, "controlPercent", null, 0, 90, 0L);
		FrequencyCap cap = frequencyCap(root.get("frequencyCap"));
		Goal goal = goal(root.get("goal"));
		Integer unanswered = null;
		if (present(root.get("exitAfterUnansweredSends"))) {
			unanswered = (int) wholeNumber(root, "exitAfterUnansweredSends", null, 1, 1000, null);
		}
		QuietHours quiet = quietHours(root);
		Map<Channel, @Nullable QuietHours> channelQuiet = channelQuietHours(root);
		Reentry reentry = reentry(root.get("reentry"));
		List<Step> steps = steps(root.get("steps"), lookups, bounded);
		return new ScenarioDefinition(nameNode.stringValue().strip(), segmentId, priority, controlPercent, cap, goal,
				unanswered, quiet, reentry, steps, channelQuiet);
	}

	private static boolean present(@Nullable JsonNode node) {
		return node != null && !node.isNull() && !node.isMissingNode();
	}

	private static long wholeNumber(JsonNode parent, String field, @Nullable String step, long min, long max,
			@Nullable Long fallback) {
		return wholeNumber(parent, "", field, step, min, max, fallback);
	}

	private static long wholeNumber(JsonNode parent, String prefix, String key, @Nullable String step, long min,
			long max, @Nullable Long fallback) {
		JsonNode node = parent.get(key);
		String field = prefix.isEmpty() ? key : prefix + "." + key;
		if (!present(node)) {
			if (fallback != null) {
				return fallback;
			}
			throw new InvalidScenario(step, field, "is missing: give a whole number"
					+ ((min == Long.MIN_VALUE || max == Long.MAX_VALUE) ? "" : " from " + min + " to " + max));
		}
		if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
			String range = (max == Long.MAX_VALUE) ? " from " + min : " from " + min + " to " + max;
			if (min == Integer.MIN_VALUE) {
				range = "";
			}
			throw new InvalidScenario(step, field, "must be a whole number" + range + ", got " + node);
		}
		return node.longValue();
	}

	private static @Nullable FrequencyCap frequencyCap(@Nullable JsonNode node) {
		if (!present(node)) {
			return null;
		}
		if (!node.isObject()) {
			throw new InvalidScenario(null, "frequencyCap", "must be {\"max\":n,\"days\":d[,\"perChannel\":bool]}");
		}
		onlyKeys(node, null, "frequencyCap", Set.of("max", "days", "perChannel"));
		int max = (int) wholeNumber(node, "frequencyCap", "max", null, 1, 1000, null);
		int days = (int) wholeNumber(node, "frequencyCap", "days", null, 1, 3650, null);
		JsonNode per = node.get("perChannel");
		if (present(per) && !per.isBoolean()) {
			throw new InvalidScenario(null, "frequencyCap.perChannel", "must be true or false, got " + per);
		}
		return new FrequencyCap(max, days, present(per) && per.booleanValue());
	}

	private static @Nullable Goal goal(@Nullable JsonNode node) {
		if (!present(node)) {
			return null;
		}
		if (!node.isObject()) {
			throw new InvalidScenario(null, "goal", "must be {\"type\":\"PURCHASE\",\"withinDays\":n}");
		}
		onlyKeys(node, null, "goal", Set.of("type", "withinDays"));
		JsonNode type = node.get("type");
		if (type == null || !type.isString() || !type.stringValue().equals("PURCHASE")) {
			throw new InvalidScenario(null, "goal.type", "must be \"PURCHASE\", got " + type);
		}
		return new Goal("PURCHASE", (int) wholeNumber(node, "goal", "withinDays", null, 1, 3650, null));
	}

	private static @Nullable QuietHours quietHours(JsonNode root) {
		if (!root.has("quietHours")) {
			return DEFAULT_QUIET_HOURS;
		}
		JsonNode node = root.get("quietHours");
		if (node.isNull()) {
			return null;
		}
		if (!node.isObject()) {
			throw new InvalidScenario(null, "quietHours", "must be {\"from\":\"21:00\",\"to\":\"09:00\"} or null");
		}
		onlyKeys(node, null, "quietHours", Set.of("from", "to", "EMAIL", "LINE", "SMS"));
		return window(node, "quietHours");
	}

	/** Per-channel quiet hours: a window, or null for none on that channel. */
	private static Map<Channel, @Nullable QuietHours> channelQuietHours(JsonNode root) {
		Map<Channel, @Nullable QuietHours> windows = new LinkedHashMap<>();
		JsonNode node = root.get("quietHours");
		if (node == null || !node.isObject()) {
			return windows;
		}
		for (Channel channel : Channel.messagingChannels()) {
			if (node.has(channel.name())) {
				JsonNode window = node.get(channel.name());
				String field = "quietHours." + channel.name();
				if (!window.isNull() && !window.isObject()) {
					throw new InvalidScenario(null, field, "must be {\"from\":\"21:00\",\"to\":\"09:00\"} or null");
				}
				if (window.isObject()) {
					onlyKeys(window, null, field, Set.of("from", "to"));
				}
				windows.put(channel, window.isNull() ? null : window(window, field));
			}
		}
		return windows;
	}

	private static QuietHours window(JsonNode node, String field) {
		LocalTime from = time(node.get("from"), field + ".from");
		LocalTime to = time(node.get("to"), field + ".to");
		if (from.equals(to)) {
			throw new InvalidScenario(null, field, "must not start and end at the same time");
		}
		return new QuietHours(from, to);
	}

	private static LocalTime time(@Nullable JsonNode node, String field) {
		if (node == null || !node.isString()) {
			throw new InvalidScenario(null, field, "must be a time HH:mm, got " + node);
		}
		try {
			return LocalTime.parse(node.stringValue());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidScenario(null, field, "must be a time HH:mm, got \"" + node.stringValue() + "\"");
		}
	}

	private static Reentry reentry(@Nullable JsonNode node) {
		if (!present(node)) {
			return Reentry.NEVER;
		}
		if (node.isString() && node.stringValue().equals("NEVER")) {
			return Reentry.NEVER;
		}
		if (node.isString() && node.stringValue().equals("ALWAYS")) {
			return Reentry.ALWAYS;
		}
		if (node.isObject() && node.size() == 1 && node.has("afterDays")) {
			return new Reentry(Reentry.Kind.AFTER_DAYS,
					(int) wholeNumber(node, "reentry", "afterDays", null, 1, 3650, null));
		}
		throw new InvalidScenario(null, "reentry", "must be \"NEVER\", \"ALWAYS\" or {\"afterDays\":n}, got " + node);
	}

	private static void onlyKeys(JsonNode node, @Nullable String step, String prefix, Set<String> allowed) {
		for (String key : node.propertyNames()) {
			if (!allowed.contains(key)) {
				String field = prefix.isEmpty() ? key : prefix + "." + key;
				throw new InvalidScenario(step, field, "is not a field here; use " + String.join(", ", allowed));
			}
		}
	}

	private static List<Step> steps(@Nullable JsonNode node, @Nullable Lookups lookups, boolean bounded) {
		if (!present(node) || !node.isArray() || node.isEmpty()) {
			throw new InvalidScenario(null, "steps", "must be a non-empty list of steps; the first is the entry");
		}
		if (bounded && node.size() > MAX_STEPS) {
			throw new InvalidScenario(null, "steps",
					"has " + node.size() + " steps; at most " + MAX_STEPS + " are allowed");
		}
		List<Step> steps = new ArrayList<>();
		Map<String, Step> byKey = new LinkedHashMap<>();
		for (int i = 0; i < node.size(); i++) {
			JsonNode s = node.get(i);
			if (!s.isObject()) {
				throw new InvalidScenario(null, "steps[" + i + "]", "must be an object with key and type");
			}
			JsonNode keyNode = s.get("key");
			if (keyNode == null || !keyNode.isString() || keyNode.stringValue().isBlank()) {
				throw new InvalidScenario(null, "steps[" + i + "].key", "is missing: give every step a key");
			}
			String key = keyNode.stringValue();
			if (bounded && key.length() > MAX_KEY) {
				throw new InvalidScenario(null, "steps[" + i + "].key",
						"has " + key.length() + " characters; at most " + MAX_KEY + " are allowed");
			}
			if (byKey.containsKey(key)) {
				throw new InvalidScenario(key, "key", "is used by another step; keys must be unique");
			}
			Step step = step(s, key, bounded);
			byKey.put(key, step);
			steps.add(step);
		}
		for (Step step : steps) {
			List<String> fields = (step instanceof Branch) ? List.of("then", "else")
					: (step instanceof Exit) ? List.of() : List.of("next");
			for (int i = 0; i < fields.size(); i++) {
				String target = step.targets().get(i);
				if (!byKey.containsKey(target)) {
					throw new InvalidScenario(step.key(), fields.get(i), "→ \"" + target + "\" is not a step");
				}
			}
			if (step instanceof Send send && lookups != null) {
				Optional<Channel> channel = lookups.contentChannel(send.contentId());
				if (channel.isEmpty()) {
					throw new InvalidScenario(step.key(), "contentId",
							"is not a content: no content has id " + send.contentId());
				}
				if (channel.get() != send.channel()) {
					throw new InvalidScenario(step.key(), "contentId", "is " + channel.get() + " content, but the step "
							+ "sends on " + send.channel() + "; choose a " + send.channel() + " content");
				}
			}
			if (step instanceof Branch branch) {
				String ref = null;
				if (branch.condition() instanceof Opened o) {
					ref = o.step();
				}
				else if (branch.condition() instanceof Clicked c) {
					ref = c.step();
				}
				if (ref != null) {
					String which = (branch.condition() instanceof Opened) ? "opened" : "clicked";
					if (!(byKey.get(ref) instanceof Send)) {
						throw new InvalidScenario(step.key(), "if." + which, "→ \"" + ref + "\" is not a SEND step");
					}
				}
			}
		}
		reachable(steps, byKey);
		noCycleWithoutWait(steps, byKey);
		return steps;
	}

	private static Step step(JsonNode s, String key, boolean bounded) {
		JsonNode typeNode = s.get("type");
		String type = (typeNode != null && typeNode.isString()) ? typeNode.stringValue() : "";
		switch (type) {
			case "SEND" -> {
				onlyKeys(s, key, "", Set.of("key", "type", "channel", "contentId", "next"));
				JsonNode channelNode = s.get("channel");
				Channel channel;
				try {
					channel = Channel
						.valueOf((channelNode != null && channelNode.isString()) ? channelNode.stringValue() : "");
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidScenario(key, "channel", "must be EMAIL, LINE or SMS, got " + channelNode);
				}
				long contentId = wholeNumber(s, "contentId", key, 1, Long.MAX_VALUE, null);
				return new Send(key, channel, contentId, target(s, key, "next"));
			}
			case "WAIT" -> {
				onlyKeys(s, key, "", Set.of("key", "type", "duration", "next"));
				JsonNode durationNode = s.get("duration");
				if (durationNode == null || !durationNode.isString()) {
					throw new InvalidScenario(key, "duration",
							"is missing: give an ISO-8601 duration such as PT30M or P3D");
				}
				String duration = durationNode.stringValue();
				String problem = durationProblem(duration, bounded);
				if (problem != null) {
					throw new InvalidScenario(key, "duration", problem);
				}
				return new Wait(key, duration, target(s, key, "next"));
			}
			case "BRANCH" -> {
				onlyKeys(s, key, "", Set.of("key", "type", "if", "then", "else"));
				return new Branch(key, condition(s.get("if"), key), target(s, key, "then"), target(s, key, "else"));
			}
			case "EXIT" -> {
				onlyKeys(s, key, "", Set.of("key", "type"));
				return new Exit(key);
			}
			default -> throw new InvalidScenario(key, "type",
					"must be SEND, WAIT, BRANCH or EXIT, got " + ((typeNode == null) ? "nothing" : typeNode));
		}
	}

	private static String target(JsonNode s, String key, String field) {
		JsonNode node = s.get(field);
		if (node == null || !node.isString() || node.stringValue().isBlank()) {
			throw new InvalidScenario(key, field, "is missing: give the key of the step to go to");
		}
		return node.stringValue();
	}

	/**
	 * The longest WAIT: 10 years, as the day-valued fields (goal, re-entry, frequency
	 * cap: at most 3650 days) — a wait the database can always add to a time.
	 */
	static final String MAX_WAIT = "P10Y";

	private static final LocalDate WAIT_REFERENCE = LocalDate.of(2000, 1, 1);

	private static final Duration MAX_WAIT_DURATION = Duration
		.ofDays(ChronoUnit.DAYS.between(WAIT_REFERENCE, WAIT_REFERENCE.plusYears(10)));

	/**
	 * What is wrong with a WAIT duration, or null: it must be a positive ISO-8601
	 * duration in capitals without a sign, time-based ({@code PT30M}, {@code P2DT3H}) or
	 * date-based ({@code P3D}, {@code P1M}, {@code P2W}), as both Java and PostgreSQL's
	 * {@code interval} read it; {@code bounded} (on save and activation) also caps it at
	 * {@value #MAX_WAIT}. Stored definitions are read unbounded so a scenario saved
	 * before the cap can still be shown; the engine isolates one that fails.
	 */
	static @Nullable String durationProblem(String text, boolean bounded) {
		String usage = "\"" + text + "\" is not an ISO-8601 duration such as PT30M, P3D or P1M";
		if (!text.matches("P[0-9YMWDTHS.]+")) {
			return text.contains("-") ? usage + " (a duration must be positive)" : usage;
		}
		Duration duration = null;
		Period period = null;
		try {
			duration = Duration.parse(text);
		}
		catch (DateTimeParseException ex) {
			try {
				period = Period.parse(text);
			}
			catch (DateTimeParseException ex2) {
				return usage;
			}
		}
		if ((duration != null) ? duration.isZero() : period.isZero()) {
			return "\"" + text + "\" is zero: give a positive duration such as PT30M or P3D";
		}
		if (!bounded) {
			return null;
		}
		boolean tooLong;
		if (duration != null) {
			tooLong = duration.compareTo(MAX_WAIT_DURATION) > 0;
		}
		else {
			tooLong = period.toTotalMonths() > 120 || period.getDays() > MAX_WAIT_DURATION.toDays()
					|| WAIT_REFERENCE.plus(period).isAfter(WAIT_REFERENCE.plusYears(10));
		}
		return tooLong ? "\"" + text + "\" is longer than 10 years; give at most " + MAX_WAIT + " (or P3650D)" : null;
	}

	private static Condition condition(@Nullable JsonNode node, String key) {
		String usage = "must be one of {\"opened\":step}, {\"clicked\":step}, {\"purchased\":true} or {\"rule\":RULE}";
		if (node == null || !node.isObject() || node.size() != 1) {
			throw new InvalidScenario(key, "if", usage);
		}
		String kind = node.propertyNames().iterator().next();
		JsonNode value = node.get(kind);
		return switch (kind) {
			case "opened", "clicked" -> {
				if (!value.isString() || value.stringValue().isBlank()) {
					throw new InvalidScenario(key, "if." + kind, "must name a previous SEND step");
				}
				yield kind.equals("opened") ? new Opened(value.stringValue()) : new Clicked(value.stringValue());
			}
			case "purchased" -> {
				if (!value.isBoolean() || !value.booleanValue()) {
					throw new InvalidScenario(key, "if.purchased", "must be true");
				}
				yield new Purchased();
			}
			case "rule" -> {
				try {
					yield new Rule(SegmentRule.parse(value));
				}
				catch (InvalidSegmentRule ex) {
					throw new InvalidScenario(key, "if.rule", ex.getMessage());
				}
			}
			default -> throw new InvalidScenario(key, "if", usage + ", got \"" + kind + "\"");
		};
	}

	private static void reachable(List<Step> steps, Map<String, Step> byKey) {
		Set<String> seen = new HashSet<>();
		List<String> todo = new ArrayList<>(List.of(steps.get(0).key()));
		while (!todo.isEmpty()) {
			String key = todo.remove(todo.size() - 1);
			if (seen.add(key)) {
				todo.addAll(byKey.get(key).targets());
			}
		}
		for (Step step : steps) {
			if (!seen.contains(step.key())) {
				throw new InvalidScenario(step.key(), "key",
						"is unreachable: no step leads to it from the entry \"" + steps.get(0).key() + "\"");
			}
		}
	}

	/** A loop must pass a WAIT, or the engine would spin through it at once. */
	private static void noCycleWithoutWait(List<Step> steps, Map<String, Step> byKey) {
		Map<String, Integer> state = new HashMap<>();
		for (Step step : steps) {
			if (!(step instanceof Wait)) {
				String looping = cycleFrom(step.key(), byKey, state);
				if (looping != null) {
					throw new InvalidScenario(looping, "next",
							"closes a loop without a WAIT step; put a WAIT on the loop");
				}
			}
		}
	}

	private static @Nullable String cycleFrom(String key, Map<String, Step> byKey, Map<String, Integer> state) {
		Integer s = state.get(key);
		if (s != null) {
			return null;
		}
		state.put(key, 1);
		for (String target : byKey.get(key).targets()) {
			if (byKey.get(target) instanceof Wait) {
				continue;
			}
			Integer t = state.get(target);
			if (t != null && t == 1) {
				return key;
			}
			if (t == null) {
				String found = cycleFrom(target, byKey, state);
				if (found != null) {
					return found;
				}
			}
		}
		state.put(key, 2);
		return null;
	}

}
