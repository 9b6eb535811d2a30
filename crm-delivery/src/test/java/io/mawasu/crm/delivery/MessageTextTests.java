package io.mawasu.crm.delivery;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageTextTests {

	@Test
	void findsHrefsWhateverTheirCaseQuotesAndSpacing() {
		String html = "<A HREF = 'https://a.example/1?x=1&amp;y=2'>a</A><a href=\"mailto:x@example.com\">m</a>"
				+ "<a class=\"x\" href=\"https://b.example/2\">b</a><p>hrefs are not href=</p><a href=\"http://c.example";
		assertThat(MessageText.hrefs(html)).containsExactly("https://a.example/1?x=1&y=2", "https://b.example/2");
		assertThat(MessageText.replaceHrefs(html, (url) -> url.contains("b.example") ? "https://t/c?a=1&b=2" : null))
			.isEqualTo(html.replace("https://b.example/2", "https://t/c?a=1&amp;b=2"));
	}

	@Test
	void findsAndReplacesUnquotedHrefsAsABrowserReadsThem() {
		String html = "<p><a href=https://u.example/x?y=1&amp;z=2>u</a> <area href = https://v.example/m>"
				+ "<link href=\"https://css.example/s.css\"></p>";
		assertThat(MessageText.hrefs(html)).containsExactly("https://u.example/x?y=1&z=2", "https://v.example/m");
		assertThat(MessageText.replaceHrefs(html, (url) -> "https://t/c?i=" + url.length()))
			.isEqualTo("<p><a href=\"https://t/c?i=27\">u</a> <area href = \"https://t/c?i=19\">"
					+ "<link href=\"https://css.example/s.css\"></p>");
		assertThat(MessageText.htmlToText("<a href=https://u.example/x>shop</a>"))
			.isEqualTo("shop (https://u.example/x)");
	}

	@Test
	void onlyLinksWithAHostWrittenInTheTemplateAreTrackable() {
		assertThat(MessageText
			.trackableLinks("<a href=\"{{email}}\">a</a><a href=\"https://{{city}}.example.com/\">b</a>"
					+ "<a href=\"https://shop.example.com{{name}}\">c</a><a href=\"https://shop.example.com/?c={{externalId}}\">d</a>",
					List.of("Hi {{name}}, see https://shop.example.com/p/{{externalId}}/x and {{name}}")))
			.containsExactly("https://shop.example.com/?c={{externalId}}",
					"https://shop.example.com/p/{{externalId}}/x");
	}

	@Test
	void derivesPlainTextFromHtml() {
		String html = "<html><head><title>T</title><style>p{}</style></head><body><h1>セール&nbsp;開催</h1>\n"
				+ "<p>A &amp; B &#x3042; &#12354;<br>next line</p><ul><li>one</li><li>two</li></ul>"
				+ "<p><a href=\"https://shop.example/x\">shop</a> <a href=\"https://shop.example/y\">https://shop.example/y</a></p>"
				+ "<!-- hidden --></body></html>";
		assertThat(MessageText.htmlToText(html)).isEqualTo("""
				セール 開催
				A & B あ あ
				next line

				- one
				- two
				shop (https://shop.example/x) https://shop.example/y""");
	}

	@Test
	void bareUrlsStopAtJapaneseTextAndSentencePunctuation() {
		assertThat(MessageText.bareUrls("詳細はhttps://a.example/x?y=1です。 See http://b.example/p. (https://c.example)"))
			.containsExactly("https://a.example/x?y=1", "http://b.example/p", "https://c.example");
	}

	@Test
	void recognisesAnUnsubscribeLinkOfTheContentsOwn() {
		assertThat(MessageText.hasUnsubscribeLink("<a href=\"https://x/unsubscribe\">here</a>")).isTrue();
		assertThat(MessageText.hasUnsubscribeLink("<a href=\"https://x/\">メール配信停止</a>")).isTrue();
		assertThat(MessageText.hasUnsubscribeLink("<p>配信停止は下記から</p><a href=\"https://x/\">shop</a>")).isFalse();
	}

}
