package io.mawasu.crm.web.contents;

import java.util.List;

import io.mawasu.crm.delivery.ContentRequest;
import io.mawasu.crm.domain.consent.Channel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentFormTests {

	@Test
	void sendsOnlyTheChosenChannelsFieldsAndMapsErrorsBackToTheBoxes() {
		ContentForm form = new ContentForm();
		form.setName("Line");
		form.setChannel("LINE");
		form.setSubject("left over from email");
		form.setHtml("<p>left over</p>");
		form.setMessages(List.of("", "first", "", "second", ""));
		ContentForm.VariantForm b = new ContentForm.VariantForm();
		b.setKey("B");
		b.setSubject("ignored for LINE");
		b.setBody("hi");
		b.setWeight(40);
		form.setVariants(List.of(b));

		ContentRequest request = form.toRequest();
		assertThat(request.channel()).isEqualTo(Channel.LINE);
		assertThat(request.subject()).isNull();
		assertThat(request.body()).isNull();
		assertThat(request.messages()).containsExactly("first", "second");
		assertThat(request.variants()).singleElement().satisfies((v) -> {
			assertThat(v.key()).isEqualTo("B");
			assertThat(v.subject()).isNull();
			assertThat(v.body()).isEqualTo("hi");
			assertThat(v.weight()).isEqualTo(40);
		});
		assertThat(form.formField("messages[1]")).isEqualTo("messages[3]");
		assertThat(form.formField("body")).isEqualTo("messages[0]");
		assertThat(form.formField("variants[0].body")).isEqualTo("variants[0].body");
	}

	@Test
	void emailKeepsSubjectHtmlAndText() {
		ContentForm form = new ContentForm();
		form.setName("Mail");
		form.setChannel("EMAIL");
		form.setSubject("Hi");
		form.setHtml("<p>Hi</p>");
		form.setSms("not sent");
		ContentRequest request = form.toRequest();
		assertThat(request.body()).isEqualTo("<p>Hi</p>");
		assertThat(request.subject()).isEqualTo("Hi");
		assertThat(request.text()).isNull();
		assertThat(request.messages()).isNull();
		assertThat(form.formField("body")).isEqualTo("html");
		form.setChannel("FAX");
		assertThat(form.toRequest().channel()).isNull();
	}

}
