package io.mawasu.crm.web.contents;

import java.util.Optional;

import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.delivery.RenderedMessage;
import io.mawasu.crm.domain.customer.Customer;
import io.mawasu.crm.domain.customer.CustomerRepository;
import io.mawasu.crm.web.security.PiiMasking;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * A content rendered for a customer chosen by external id, with the customer's email and
 * phone masked wherever a placeholder put them, unless the current user may see PII.
 */
@Component
class ContentPreviews {

	private final Contents contents;

	private final CustomerRepository customers;

	ContentPreviews(Contents contents, CustomerRepository customers) {
		this.contents = contents;
		this.customers = customers;
	}

	/** Why a preview could not be made. */
	enum Missing {

		CUSTOMER, CONTENT

	}

	record Preview(@Nullable RenderedMessage message, @Nullable Missing missing) {
	}

	Preview render(long contentId, String externalId, String variant) {
		Optional<Customer> customer = this.customers.findByExternalId(externalId.strip());
		if (customer.isEmpty() || customer.get().getId() == null) {
			return new Preview(null, Missing.CUSTOMER);
		}
		return this.contents.render(contentId, variant, customer.get().getId())
			.map((m) -> new Preview(mask(m, customer.get(), PiiMasking.currentUserSeesPii()), null))
			.orElse(new Preview(null, Missing.CONTENT));
	}

	static RenderedMessage mask(RenderedMessage message, Customer customer, boolean seesPii) {
		if (seesPii) {
			return message;
		}
		String email = customer.getEmail();
		String phone = customer.getPhone();
		return new RenderedMessage(message.channel(), mask(message.subject(), email, phone),
				mask(message.html(), email, phone), mask(message.text(), email, phone),
				message.messages().stream().map((m) -> mask(m, email, phone)).toList(), message.links());
	}

	private static @Nullable String mask(@Nullable String text, @Nullable String email, @Nullable String phone) {
		if (text == null) {
			return null;
		}
		String masked = text;
		if (email != null && !email.isBlank()) {
			masked = masked.replace(email, PiiMasking.email(email));
		}
		if (phone != null && !phone.isBlank()) {
			masked = masked.replace(phone, PiiMasking.phone(phone));
		}
		return masked;
	}

}
