package io.mawasu.crm.web.contents;

import java.util.List;

import io.mawasu.crm.delivery.RenderedMessage;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.customer.Customer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentPreviewsTests {

	Customer customer() {
		Customer customer = new Customer("c-1");
		customer.setEmail("taro@example.jp");
		customer.setPhone("090-1234-5678");
		return customer;
	}

	RenderedMessage message() {
		return new RenderedMessage(Channel.EMAIL, "For taro@example.jp", "<p>taro@example.jp / 090-1234-5678</p>",
				"taro@example.jp 090-1234-5678", List.of("call 090-1234-5678"), List.of("https://example.jp/"));
	}

	@Test
	void masksTheCustomersEmailAndPhoneEverywhereForRolesWithoutPii() {
		RenderedMessage masked = ContentPreviews.mask(message(), customer(), false);
		assertThat(masked.subject()).isEqualTo("For t***@example.jp");
		assertThat(masked.html()).isEqualTo("<p>t***@example.jp / 090-****-5678</p>");
		assertThat(masked.text()).isEqualTo("t***@example.jp 090-****-5678");
		assertThat(masked.messages()).containsExactly("call 090-****-5678");
		assertThat(masked.links()).containsExactly("https://example.jp/");
	}

	@Test
	void leavesThePreviewAloneForRolesThatSeePii() {
		assertThat(ContentPreviews.mask(message(), customer(), true)).isEqualTo(message());
	}

}
