package io.mawasu.crm.delivery;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mawasu.crm.DeliveryTestApplication;
import io.mawasu.crm.domain.consent.Channel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest(classes = DeliveryTestApplication.class)
class ContentsIntegrationTests {

	@Autowired
	Contents contents;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void clean() {
		this.jdbc.sql("truncate delivery.content cascade").update();
	}

	@Test
	void savesAndReadsAContentWithItsVariants() {
		long id = this.contents.create(
				email("Welcome", "Hello {{name|お客様}}", "<p>Hi</p>",
						List.of(new ContentRequest.Variant("B", "Hi {{name}}", "<p>B</p>", "plain B", null, null))),
				"alice");
		Content content = this.contents.find(id).orElseThrow();
		assertThat(content.name()).isEqualTo("Welcome");
		assertThat(content.channel()).isEqualTo(Channel.EMAIL);
		assertThat(content.createdBy()).isEqualTo("alice");
		assertThat(content.variants()).extracting(ContentVariant::key).containsExactly("A", "B");
		assertThat(content.variant("A").text()).isNull();
		assertThat(content.variant("B").text()).isEqualTo("plain B");
		assertThat(content.variants()).extracting(ContentVariant::weight).containsExactly(50, 50);

		long line = this.contents.create(new ContentRequest("Line", Channel.LINE, null, null, null,
				List.of("one {{name}}", "two https://example.com/x"), null), null);
		assertThat(this.contents.find(line).orElseThrow().variant("A").messages()).containsExactly("one {{name}}",
				"two https://example.com/x");
		assertThat(this.contents.list()).extracting(Content::id).containsExactly(line, id);

		assertThat(this.contents.update(id, email("Welcome 2", "S", "<p>new</p>", null), "bob")).isTrue();
		Content updated = this.contents.find(id).orElseThrow();
		assertThat(updated.name()).isEqualTo("Welcome 2");
		assertThat(updated.variants()).singleElement().satisfies((v) -> {
			assertThat(v.body()).isEqualTo("<p>new</p>");
			assertThat(v.weight()).isEqualTo(100);
		});
		assertThat(updated.updatedAt()).isAfter(content.updatedAt());
		assertThat(this.contents.update(999_999, email("x", "S", "<p>b</p>", null), null)).isFalse();
		assertThatExceptionOfType(InvalidContent.class)
			.isThrownBy(() -> this.contents.update(id, sms("x", "text", null), null))
			.satisfies((e) -> assertThat(e.field()).isEqualTo("channel"));
		assertThat(this.contents.find(999_999)).isEmpty();
	}

	@Test
	void invalidContentNamesTheField() {
		assertField(new ContentRequest(" ", Channel.EMAIL, "s", "<p>b</p>", null, null, null), "name");
		assertField(new ContentRequest("n", null, "s", "<p>b</p>", null, null, null), "channel");
		assertField(email("n", null, "<p>b</p>", null), "subject");
		assertField(email("n", "s", " ", null), "body");
		assertField(new ContentRequest("n", Channel.LINE, null, null, null, null, null), "messages");
		assertField(
				new ContentRequest("n", Channel.LINE, null, null, null, List.of("1", "2", "3", "4", "5", "6"), null),
				"messages");
		assertField(
				new ContentRequest("n", Channel.LINE, null, null, null, List.of("ok", "ok", "x".repeat(5001)), null),
				"messages[2]");
		assertField(new ContentRequest("n", Channel.LINE, null, null, null, List.of("ok", " "), null), "messages[1]");
		assertField(sms("n", null, null), "body");
		assertField(sms("n", "あ".repeat(671), null), "body");
		assertField(email("n", "s", "<p>b</p>", List.of(variant("B", 60), variant("C", 50))), "variants[1].weight");
		assertField(email("n", "s", "<p>b</p>", List.of(variant("B", 101))), "variants[0].weight");
		assertField(email("n", "s", "<p>b</p>", List.of(variant("B", 30), variant("C", null))), "variants[1].weight");
		assertField(email("n", "s", "<p>b</p>", List.of(variant("B", null), variant("b", null))), "variants[1].key");
		assertField(email("n", "s", "<p>b</p>", List.of(variant("B", null), variant("B", null))), "variants[1].key");
		assertField(email("n", "s", "<p>b</p>", List.of(variant("A", null))), "variants[0].key");
		assertField(
				email("n", "s", "<p>b</p>",
						List.of(variant("B", null), new ContentRequest.Variant("C", "s", null, null, null, null))),
				"variants[1].body");
		assertField(
				email("n", "s", "<p>b</p>",
						List.of(new ContentRequest.Variant("B", null, "<p>b</p>", null, null, null))),
				"variants[0].subject");
		assertThat(this.jdbc.sql("select count(*) from delivery.content").query(Long.class).single()).isZero();
	}

	@Test
	void anUnknownPlaceholderIsRejectedNamingFieldAndPlaceholder() {
		assertThatExceptionOfType(InvalidContent.class).isThrownBy(() -> this.contents.create(new ContentRequest("n",
				Channel.LINE, null, null, null, List.of("hi {{name}}", "your {{rfmSegmnt}}"), null), null))
			.satisfies((e) -> {
				assertThat(e.field()).isEqualTo("messages[1]");
				assertThat(e.getMessage()).contains("{{rfmSegmnt}}");
			});
		assertThatExceptionOfType(InvalidContent.class)
			.isThrownBy(() -> this.contents.create(email("n", "Hi {{nmae}}", "<p>b</p>", null), null))
			.satisfies((e) -> assertThat(e.field()).isEqualTo("subject"));
		assertThatExceptionOfType(InvalidContent.class).isThrownBy(() -> this.contents.create(
				email("n", "s", "<p>b</p>",
						List.of(new ContentRequest.Variant("B", "s", "<p>{{city}}</p>", "{{town}}", null, null))),
				null))
			.satisfies((e) -> {
				assertThat(e.field()).isEqualTo("variants[0].text");
				assertThat(e.getMessage()).contains("{{town}}");
			});
	}

	@Test
	void weightsLeaveARestOrSplitEqually() {
		Content given = save(email("n", "s", "<p>b</p>", List.of(variant("C", 20), variant("B", 30))));
		assertThat(weights(given)).containsExactly(Map.entry("A", 50), Map.entry("B", 30), Map.entry("C", 20));
		Content equal = save(email("n", "s", "<p>b</p>", List.of(variant("B", null), variant("C", null))));
		assertThat(weights(equal)).containsExactly(Map.entry("A", 34), Map.entry("B", 33), Map.entry("C", 33));
		Content full = save(email("n", "s", "<p>b</p>", List.of(variant("B", 100))));
		assertThat(weights(full)).containsExactly(Map.entry("A", 0), Map.entry("B", 100));
		Content alone = save(sms("n", "text", null));
		assertThat(weights(alone)).containsExactly(Map.entry("A", 100));
	}

	@Test
	void variantForIsStableAndFollowsTheWeights() {
		Content content = save(email("n", "s", "<p>b</p>", List.of(variant("B", 30), variant("C", 20))));
		Map<String, Integer> counts = new HashMap<>();
		int n = 10_000;
		for (long customer = 1; customer <= n; customer++) {
			String key = this.contents.variantFor(content, customer);
			assertThat(this.contents.variantFor(content, customer)).isEqualTo(key);
			counts.merge(key, 1, Integer::sum);
		}
		assertWithin3Sigma(counts.get("A"), n, 0.5);
		assertWithin3Sigma(counts.get("B"), n, 0.3);
		assertWithin3Sigma(counts.get("C"), n, 0.2);

		Content full = save(email("n", "s", "<p>b</p>", List.of(variant("B", 100))));
		Content alone = save(sms("n", "text", null));
		for (long customer = 1; customer <= 1000; customer++) {
			assertThat(this.contents.variantFor(full, customer)).isEqualTo("B");
			assertThat(this.contents.variantFor(alone, customer)).isEqualTo("A");
		}
		// the documented hash, checked against PostgreSQL's sha256()
		String hex = this.jdbc.sql("select encode(sha256(convert_to('content:' || :c || ':42', 'UTF8')), 'hex')")
			.param("c", String.valueOf(content.id()))
			.query(String.class)
			.single();
		assertThat(Contents.bucket(content.id(), 42))
			.isEqualTo(Long.remainderUnsigned(Long.parseUnsignedLong(hex.substring(0, 16), 16), 100));
	}

	@Test
	void renderEscapesValuesInHtmlButNotInText() {
		long customer = customer("<b>Tom & Jerry</b>");
		long anonymous = customer(null);
		long id = this.contents.create(email("n", "Hello {{name|お客様}}",
				"<p>こんにちは {{name|お客様}}さん &amp; <a href=\"https://example.com/a?x=1&amp;y=2\">shop</a></p>", null),
				null);
		RenderedMessage m = this.contents.render(id, "A", customer).orElseThrow();
		assertThat(m.subject()).isEqualTo("Hello <b>Tom & Jerry</b>");
		assertThat(m.html()).contains("こんにちは &lt;b&gt;Tom &amp; Jerry&lt;/b&gt;さん");
		assertThat(m.text()).isEqualTo("こんにちは <b>Tom & Jerry</b>さん & shop (https://example.com/a?x=1&y=2)");
		assertThat(m.links()).containsExactly("https://example.com/a?x=1&y=2");
		assertThat(this.contents.render(id, "A", anonymous).orElseThrow().subject()).isEqualTo("Hello お客様");
		assertThat(this.contents.render(id, "A", 999_999_999)).isEmpty();
		assertThat(this.contents.render(999_999, "A", customer)).isEmpty();
	}

	private long customer(String name) {
		return this.jdbc.sql("insert into domain.customer (external_id, name) values (:x, :name) returning id")
			.param("x", "ct-" + System.nanoTime())
			.param("name", name)
			.query(Long.class)
			.single();
	}

	private static void assertWithin3Sigma(int count, int n, double p) {
		double sigma = Math.sqrt(n * p * (1 - p));
		assertThat((double) count).isBetween(n * p - 3 * sigma, n * p + 3 * sigma);
	}

	private Content save(ContentRequest request) {
		return this.contents.find(this.contents.create(request, null)).orElseThrow();
	}

	private static Map<String, Integer> weights(Content content) {
		Map<String, Integer> weights = new java.util.LinkedHashMap<>();
		content.variants().forEach((v) -> weights.put(v.key(), v.weight()));
		return Collections.unmodifiableMap(weights);
	}

	private void assertField(ContentRequest request, String field) {
		assertThatExceptionOfType(InvalidContent.class).as(field)
			.isThrownBy(() -> this.contents.create(request, null))
			.satisfies((e) -> assertThat(e.field()).isEqualTo(field));
	}

	static ContentRequest email(String name, String subject, String body, List<ContentRequest.Variant> variants) {
		return new ContentRequest(name, Channel.EMAIL, subject, body, null, null, variants);
	}

	static ContentRequest sms(String name, String body, List<ContentRequest.Variant> variants) {
		return new ContentRequest(name, Channel.SMS, null, body, null, null, variants);
	}

	static ContentRequest.Variant variant(String key, Integer weight) {
		return new ContentRequest.Variant(key, "subject " + key, "<p>" + key + "</p>", null, null, weight);
	}

}
