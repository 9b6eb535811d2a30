package io.mawasu.crm.delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mawasu.crm.DeliveryTestApplication;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.customer.PhoneBackfill;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = { DeliveryTestApplication.class, MessageRendererIntegrationTests.Sources.class })
class MessageRendererIntegrationTests {

	@Autowired
	MessageRenderer renderer;

	@Autowired
	Contents contents;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PhoneBackfill phones;

	List<Long> customers;

	@BeforeEach
	void customers() {
		this.jdbc.sql("truncate domain.customer, delivery.content cascade").update();
		this.customers = this.jdbc
			.sql("""
					insert into domain.customer (external_id, name, prefecture, email, phone, line_user_id, tags)
					select 'mr-' || g, case when g % 10 = 0 then null else '顧客' || g end, '東京都',
						case when g % 3 = 0 then null else '  c' || g || '@example.com ' end,
						case g % 4 when 0 then '090-1234-' || lpad(g::text, 4, '0') when 1 then '+81 80 0000 ' || lpad(g::text, 4, '0')
							when 2 then null else '' end,
						case when g % 2 = 0 then 'U' || md5(g::text) end, array['vip', 'new']
					from generate_series(1, 600) g order by g returning id
					""")
			.query(Long.class)
			.list();
		this.phones.fill();
	}

	@Test
	void rendersABatchWithAttributesDefaultsAndPlaceholderSources() {
		Content content = save(new ContentRequest("line", Channel.LINE, null, null, null,
				List.of("{{name|お客様}}さん ({{prefecture}}, {{tags}})", "ランク: {{rfmSegment|なし}}"), null));
		List<Long> batch = new ArrayList<>(this.customers.subList(0, 500));
		batch.add(999_999_999L);
		Map<Long, RenderedMessage> rendered = this.renderer.render(content, "A", batch);
		assertThat(rendered).hasSize(500).doesNotContainKey(999_999_999L);
		long first = this.customers.get(0);
		long tenth = this.customers.get(9);
		assertThat(rendered.get(first).messages()).containsExactly("顧客1さん (東京都, vip, new)",
				"ランク: " + ((first % 2 == 0) ? "champion-" + first : "なし"));
		assertThat(rendered.get(tenth).messages().get(0)).isEqualTo("お客様さん (東京都, vip, new)");
		assertThat(rendered.get(first).text()).isEqualTo(String.join("\n\n", rendered.get(first).messages()));
		assertThat(rendered.values()).allSatisfy((m) -> {
			assertThat(m.channel()).isEqualTo(Channel.LINE);
			assertThat(m.html()).isNull();
		});
		assertThat(rendered.values().stream().filter((m) -> m.messages().get(1).startsWith("ランク: champion")))
			.hasSize(250);
	}

	@Test
	void linksAreTheContentsHttpUrlsInOrderOnce() {
		Content email = save(new ContentRequest("mail", Channel.EMAIL, "s", """
				<html><body><p>Hi {{name}}</p>
				<a href="https://shop.example.com/sale?id={{externalId}}&amp;x=1">Sale</a>
				<a href='mailto:help@example.com'>Mail us</a> <a href="/relative">rel</a>
				<a href="https://shop.example.com/sale?id={{externalId}}&amp;x=1">again</a>
				<a href="http://example.org/b">B</a></body></html>
				""", "Sale: https://shop.example.com/sale?id={{externalId}}&x=1 and https://example.net/text.", null,
				null));
		long customer = this.customers.get(0);
		RenderedMessage m = this.renderer.render(email, "A", List.of(customer)).get(customer);
		assertThat(m.links()).containsExactly("https://shop.example.com/sale?id=mr-1&x=1", "http://example.org/b",
				"https://example.net/text");

		Content sms = save(new ContentRequest("sms", Channel.SMS, null,
				"セール https://a.example.jp/x?c={{externalId}}はこちら、(https://b.example.jp) https://a.example.jp/x?c={{externalId}}",
				null, null, null));
		assertThat(this.renderer.render(sms, "A", List.of(customer)).get(customer).links())
			.containsExactly("https://a.example.jp/x?c=mr-1", "https://b.example.jp");
	}

	@Test
	void trackRewritesExactlyTheContentsLinksAndAddsPixelAndFooter() {
		Content email = save(new ContentRequest("mail", Channel.EMAIL, "s", """
				<html><body><p>Hi {{name}}, see <a href="https://shop.example.com/a?x=1&amp;y=2">A</a>,
				<a href="mailto:help@example.com">help</a> and <a href="https://shop.example.com/b">B</a>
				https://not-a-link-in-html.example.com</p></body></html>""", null, null, null));
		long customer = this.customers.get(0);
		RenderedMessage m = this.renderer.render(email, "A", List.of(customer)).get(customer);
		assertThat(m.links()).containsExactly("https://shop.example.com/a?x=1&y=2", "https://shop.example.com/b",
				"https://not-a-link-in-html.example.com");
		assertThat(m.text()).contains("A (https://shop.example.com/a?x=1&y=2)")
			.contains("B (https://shop.example.com/b)");

		RenderedMessage tracked = this.renderer.track(m, (i) -> "https://t.example/c/" + i + "?s=1&t=2",
				"https://t.example/o/tok", "https://t.example/u/tok");
		assertThat(tracked.html()).contains("href=\"https://t.example/c/0?s=1&amp;t=2\"")
			.contains("href=\"https://t.example/c/1?s=1&amp;t=2\"")
			.contains("href=\"mailto:help@example.com\"")
			.contains("https://not-a-link-in-html.example.com")
			.doesNotContain("https://shop.example.com")
			.contains("<img src=\"https://t.example/o/tok\"")
			.contains("配信停止 / Unsubscribe: <a href=\"https://t.example/u/tok\"")
			.endsWith("</p></body></html>".replace("</p>",
					"</p><p style=\"font-size:12px;color:#888888\">配信停止 / "
							+ "Unsubscribe: <a href=\"https://t.example/u/tok\">https://t.example/u/tok</a></p>"
							+ "<img src=\"https://t.example/o/tok\" width=\"1\" height=\"1\" alt=\"\" "
							+ "style=\"border:0;width:1px;height:1px\">"));
		assertThat(tracked.text()).contains("A (https://t.example/c/0?s=1&t=2)")
			.contains("B (https://t.example/c/1?s=1&t=2)")
			.contains("https://t.example/c/2?s=1&t=2")
			.doesNotContain("shop.example.com")
			.endsWith("配信停止 / Unsubscribe: https://t.example/u/tok");
		assertThat(tracked.links()).isEqualTo(m.links());
		assertThat(tracked.subject()).isEqualTo(m.subject());

		Content own = save(new ContentRequest("own", Channel.EMAIL, "s",
				"<p>x <a href=\"https://shop.example.com/stop\">配信停止はこちら</a></p>", null, null, null));
		RenderedMessage ownTracked = this.renderer.track(
				this.renderer.render(own, "A", List.of(customer)).get(customer), (i) -> "https://t.example/c/" + i,
				"https://t.example/o/tok", "https://t.example/u/tok");
		assertThat(ownTracked.html()).doesNotContain("https://t.example/u/tok")
			.endsWith("</a></p><img src=\"https://t.example/o/tok\" width=\"1\" height=\"1\" alt=\"\" "
					+ "style=\"border:0;width:1px;height:1px\">");
		assertThat(ownTracked.text()).doesNotContain("Unsubscribe");

		Content line = save(new ContentRequest("line", Channel.LINE, null, null, null,
				List.of("Sale https://shop.example.com/a", "Again https://shop.example.com/a and https://x.example/"),
				null));
		RenderedMessage lineTracked = this.renderer.track(
				this.renderer.render(line, "A", List.of(customer)).get(customer), (i) -> "https://t.example/c/" + i,
				"https://t.example/o/tok", "https://t.example/u/tok");
		assertThat(lineTracked.messages()).containsExactly("Sale https://t.example/c/0",
				"Again https://t.example/c/0 and https://t.example/c/1");
		assertThat(lineTracked.html()).isNull();
		assertThat(lineTracked.text()).doesNotContain("Unsubscribe");
	}

	@Test
	void addressesPerChannelInE164ForPhones() {
		Map<Long, String> emails = this.renderer.addresses(Channel.EMAIL, this.customers.subList(0, 6));
		assertThat(emails).hasSize(4).containsEntry(this.customers.get(0), "c1@example.com");
		Map<Long, String> phones = this.renderer.addresses(Channel.SMS, this.customers.subList(0, 8));
		assertThat(phones).hasSize(4)
			.containsEntry(this.customers.get(0), "+818000000001")
			.containsEntry(this.customers.get(3), "+819012340004");
		Map<Long, String> line = this.renderer.addresses(Channel.LINE, this.customers.subList(0, 4));
		assertThat(line.keySet()).containsExactlyInAnyOrder(this.customers.get(1), this.customers.get(3));
		assertThat(line.values()).allSatisfy((id) -> assertThat(id).matches("U[0-9a-f]{32}"));
		assertThat(this.renderer.addresses(Channel.EMAIL, List.of())).isEmpty();
	}

	@Test
	void parsedTemplatesAreCachedPerContentVersion() {
		Content content = save(new ContentRequest("sms", Channel.SMS, null, "Hi {{name}}", null, null, null));
		assertThat(this.renderer.parsed(Channel.SMS, content.variant("A")))
			.isSameAs(this.renderer.parsed(Channel.SMS, this.contents.find(content.id()).orElseThrow().variant("A")));
		this.contents.update(content.id(),
				new ContentRequest("sms", Channel.SMS, null, "Bye {{name}}", null, null, null), null);
		Content edited = this.contents.find(content.id()).orElseThrow();
		long customer = this.customers.get(0);
		assertThat(this.renderer.render(edited, "A", List.of(customer)).get(customer).text()).isEqualTo("Bye 顧客1");
	}

	@Test
	void aValueWithALineBreakKeepsTheSubjectOnOneLine() {
		Content content = save(
				new ContentRequest("mail", Channel.EMAIL, "Hello {{name}}!", "<p>x</p>", null, null, null));
		Map<String, String> values = new HashMap<>();
		values.put("name", "Eve\r\nBcc: all@example.com");
		assertThat(this.renderer.render(content, "A", values).subject()).isEqualTo("Hello Eve Bcc: all@example.com!");
	}

	private Content save(ContentRequest request) {
		return this.contents.find(this.contents.create(request, null)).orElseThrow();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Sources {

		/** Like segmentation's: a value for even customer ids only. */
		@Bean
		PlaceholderSource rfmSegments() {
			return new PlaceholderSource() {

				@Override
				public Set<String> names() {
					return Set.of("rfmSegment");
				}

				@Override
				public Map<Long, Map<String, String>> values(Collection<Long> customerIds) {
					Map<Long, Map<String, String>> values = new HashMap<>();
					customerIds.stream()
						.filter((id) -> id % 2 == 0)
						.forEach((id) -> values.put(id, Map.of("rfmSegment", "champion-" + id)));
					return values;
				}

			};
		}

	}

}
