package io.mawasu.crm.domain.customer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumbersTests {

	@Test
	void japaneseNationalNumbersLoseTheLeadingZeroAndGain81() {
		assertThat(PhoneNumbers.e164("090-1234-5678")).contains("+819012345678");
		assertThat(PhoneNumbers.e164("+81 90 1234 5678")).contains("+819012345678");
		assertThat(PhoneNumbers.e164("03-1234-5678")).contains("+81312345678");
		assertThat(PhoneNumbers.e164("+44 20 7946 0958")).contains("+442079460958");
	}

	@Test
	void fullWidthDigitsAsExcelInJapanWritesThemAreDigits() {
		assertThat(PhoneNumbers.e164("０９０１２３４５６７８")).contains("+819012345678");
		assertThat(PhoneNumbers.e164("０９０－１２３４－５６７８")).contains("+819012345678");
		assertThat(PhoneNumbers.e164("＋８１ ９０ １２３４ ５６７８")).contains("+819012345678");
	}

	@Test
	void textThatIsNotANumberHasNoE164Form() {
		assertThat(PhoneNumbers.e164("not a phone")).isEmpty();
		assertThat(PhoneNumbers.e164("12")).isEmpty();
		assertThat(PhoneNumbers.e164("  ")).isEmpty();
	}

}
