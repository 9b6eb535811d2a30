package io.mawasu.crm.delivery;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ContentTemplateTests {

	@Test
	void fillsPlaceholdersAndDefaults() {
		ContentTemplate template = ContentTemplate.parse("{{name|お客様}}様、{{ prefecture }}の店舗で{{city|}}お待ちしています");
		Map<String, String> values = new HashMap<>();
		values.put("name", "山田 花子");
		values.put("prefecture", "東京都");
		assertThat(template.render(values, false)).isEqualTo("山田 花子様、東京都の店舗でお待ちしています");
		values.put("name", " ");
		assertThat(template.render(values, false)).startsWith("お客様様、");
	}

	@Test
	void escapesValuesInHtmlButNotTheMarkup() {
		ContentTemplate template = ContentTemplate.parse("<p>Hello {{name}}</p>");
		assertThat(template.render(Map.of("name", "<script>alert('x')</script> & co"), true))
			.isEqualTo("<p>Hello &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co</p>");
		assertThat(template.render(Map.of("name", "A & B"), false)).isEqualTo("<p>Hello A & B</p>");
	}

	@Test
	void replacementCharactersInValuesAreTakenLiterally() {
		assertThat(ContentTemplate.parse("{{name}}").render(Map.of("name", "$1 \\ back"), false))
			.isEqualTo("$1 \\ back");
	}

	@Test
	void unknownPlaceholdersAndUnclosedBracesAreRejectedByName() {
		assertThatIllegalArgumentException().isThrownBy(() -> ContentTemplate.parse("Hi {{nmae}} and {{age}}"))
			.withMessageStartingWith("Unknown placeholder {{nmae}}, {{age}}; use one of");
		assertThatIllegalArgumentException().isThrownBy(() -> ContentTemplate.parse("Hi {{name"))
			.withMessageContaining("'{{' without a matching '}}'");
	}

	@Test
	void countsSmsSegments() {
		assertThat(ContentTemplate.smsSegments("")).isZero();
		assertThat(ContentTemplate.smsSegments("a".repeat(160))).isEqualTo(1);
		assertThat(ContentTemplate.smsSegments("a".repeat(161))).isEqualTo(2);
		assertThat(ContentTemplate.smsSegments("あ".repeat(70))).isEqualTo(1);
		assertThat(ContentTemplate.smsSegments("あ".repeat(71))).isEqualTo(2);
		assertThat(ContentTemplate.smsSegments("あ".repeat(135))).isEqualTo(3);
	}

	@Test
	void listsThePlaceholdersItUses() {
		assertThat(ContentTemplate.parse("{{name|x}} {{ city }} {{name}} plain").placeholders()).containsExactly("name",
				"city");
	}

}
