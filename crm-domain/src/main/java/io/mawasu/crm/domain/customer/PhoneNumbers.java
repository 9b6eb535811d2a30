package io.mawasu.crm.domain.customer;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers in E.164 with Google's libphonenumber: a number without a country code is
 * read as Japanese (090-1234-5678 → +819012345678, the national leading 0 dropped);
 * {@code +44 20 …} keeps its country. Text that is not a possible phone number has no
 * E.164 form.
 */
public final class PhoneNumbers {

	private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

	private static final String DEFAULT_REGION = "JP";

	private PhoneNumbers() {
	}

	/** The number in E.164 ({@code +819012345678}), or empty when it is not a number. */
	public static Optional<String> e164(String text) {
		if (text.isBlank() || text.length() > 64) {
			return Optional.empty();
		}
		try {
			PhoneNumber number = UTIL.parse(text.strip(), DEFAULT_REGION);
			if (!UTIL.isPossibleNumber(number)) {
				return Optional.empty();
			}
			return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
		}
		catch (NumberParseException ex) {
			return Optional.empty();
		}
	}

}
