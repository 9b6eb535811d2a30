package io.mawasu.crm.web.contents;

import java.util.UUID;

import io.mawasu.crm.delivery.ContentRequest;
import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.web.CrmIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@CrmIntegrationTest
class ContentPageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Contents contents;

	@Autowired
	JdbcClient jdbc;

	@Test
	void editorRendersInBothLanguagesForContentRolesOnly() throws Exception {
		this.mvc.perform(get("/contents/new").with(user("e").roles("CONTENT_EDITOR")).header("Accept-Language", "ja"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("差し込み項目")))
			.andExpect(content().string(containsString("{{rfmSegment}}")))
			.andExpect(content().string(containsString("id=\"content-message-4\"")));
		this.mvc.perform(get("/contents/new").with(user("m").roles("MARKETER")).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Placeholders")))
			.andExpect(content().string(containsString("Add variant")));
		this.mvc.perform(get("/contents").with(user("a").roles("ANALYST"))).andExpect(status().isForbidden());
		this.mvc.perform(get("/contents/new").with(user("g").roles("MANAGER"))).andExpect(status().isForbidden());
		this.mvc
			.perform(post("/contents").param("name", "x")
				.param("channel", "SMS")
				.param("sms", "x")
				.with(user("a").roles("ANALYST"))
				.with(csrf()))
			.andExpect(status().isForbidden());
	}

	@Test
	void showsTheFieldErrorNextToTheField() throws Exception {
		String name = "page-" + UUID.randomUUID();
		this.mvc
			.perform(post("/contents").param("name", name)
				.param("channel", "EMAIL")
				.param("subject", "Hi {{nmae}}")
				.param("html", "<p>Hello</p>")
				.with(user("e").roles("CONTENT_EDITOR"))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"error-subject\"")))
			.andExpect(content().string(containsString("{{nmae}}")))
			.andExpect(content().string(containsString("value=\"" + name + "\"")));
		assertThat(this.contents.list()).noneMatch((c) -> c.name().equals(name));
	}

	@Test
	void savesLineContentWithAVariantAndEditsIt() throws Exception {
		String name = "line-" + UUID.randomUUID();
		this.mvc
			.perform(post("/contents").param("name", name)
				.param("channel", "LINE")
				.param("messages[0]", "Hello {{name|friend}}")
				.param("messages[1]", "")
				.param("messages[2]", "See you")
				.param("variants[0].key", "B")
				.param("variants[0].body", "Hi there")
				.param("variants[0].weight", "30")
				.with(user("e").roles("CONTENT_EDITOR"))
				.with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrlPattern("/contents/*"));
		var saved = this.contents.list().stream().filter((c) -> c.name().equals(name)).findFirst().orElseThrow();
		assertThat(saved.channel()).isEqualTo(Channel.LINE);
		assertThat(saved.variant("A").messages()).containsExactly("Hello {{name|friend}}", "See you");
		assertThat(saved.variant("B").weight()).isEqualTo(30);
		this.mvc.perform(get("/contents/{id}", saved.id()).with(user("m").roles("MARKETER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("See you")))
			.andExpect(content().string(containsString("id=\"preview-form\"")));
		this.mvc.perform(get("/contents").with(user("m").roles("MARKETER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(name)));
	}

	@Test
	void countsSmsLengthAndParts() throws Exception {
		this.mvc
			.perform(post("/contents/sms-length").param("sms", "あ".repeat(71))
				.with(user("e").roles("CONTENT_EDITOR"))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("71 characters, 2 part(s)")));
		this.mvc
			.perform(post("/contents/sms-length").param("sms", "a".repeat(160))
				.with(user("e").roles("CONTENT_EDITOR"))
				.header("Accept-Language", "ja")
				.with(csrf()))
			.andExpect(content().string(containsString("160 文字、1 通分")));
	}

	@Test
	void previewsEmailInASandboxedFrameAndEscapesTheRest() throws Exception {
		String externalId = "contentpage-" + UUID.randomUUID();
		this.jdbc.sql("insert into domain.customer (external_id, name, email) values (:id, 'Taro', 'taro@example.jp')")
			.param("id", externalId)
			.update();
		long id = this.contents.create(new ContentRequest("Preview", Channel.EMAIL, "For {{name}}",
				"<p class=\"x\">Hi {{name}}, {{email}}</p>", null, null, null), "test");
		this.mvc
			.perform(get("/contents/{id}/preview", id).param("customer", externalId)
				.with(user("e").roles("CONTENT_EDITOR")))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(containsString("<iframe id=\"preview-html\" class=\"preview-frame\" sandbox=\"\"")))
			.andExpect(
					content().string(containsString("srcdoc=\"&lt;p class=&quot;x&quot;&gt;Hi Taro, taro@example.jp")))
			.andExpect(content().string(containsString("For Taro")))
			.andExpect(content().string(not(containsString("<p class=\"x\">"))));
		this.mvc.perform(get("/contents/{id}/preview", id).param("customer", "nobody").with(user("e").roles("ADMIN")))
			.andExpect(content().string(containsString("id=\"preview-error\"")));
	}

}
