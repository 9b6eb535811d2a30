package io.mawasu.crm.web.security;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.TestingAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

class PiiMaskingTests {

	@Test
	void masksEmailKeepingFirstCharacterAndDomain() {
		assertThat(PiiMasking.email("taro@example.com")).isEqualTo("t***@example.com");
		assertThat(PiiMasking.email("t@example.com")).isEqualTo("t***@example.com");
		assertThat(PiiMasking.email("a.b@c@example.com")).isEqualTo("a***@example.com");
		assertThat(PiiMasking.email("𠮷野@example.jp")).isEqualTo("𠮷***@example.jp");
	}

	@Test
	void masksOddEmailsWhole() {
		assertThat(PiiMasking.email(null)).isNull();
		assertThat(PiiMasking.email("")).isEmpty();
		assertThat(PiiMasking.email("not-an-address")).isEqualTo("***");
		assertThat(PiiMasking.email("@example.com")).isEqualTo("***");
		assertThat(PiiMasking.email("taro@")).isEqualTo("***");
		assertThat(PiiMasking.email("   ")).isEqualTo("***");
	}

	@Test
	void masksPhoneKeepingPrefixAndLastFour() {
		assertThat(PiiMasking.phone("090-1234-5678")).isEqualTo("090-****-5678");
		assertThat(PiiMasking.phone("09012345678")).isEqualTo("090****5678");
		assertThat(PiiMasking.phone("03-1234-5678")).isEqualTo("03-1***-5678");
		assertThat(PiiMasking.phone("+81 90 1234 5678")).isEqualTo("+81 9* **** 5678");
	}

	@Test
	void masksShortAndOddPhones() {
		assertThat(PiiMasking.phone(null)).isNull();
		assertThat(PiiMasking.phone("")).isEmpty();
		assertThat(PiiMasking.phone("1234-567")).isEqualTo("****-*67");
		assertThat(PiiMasking.phone("110")).isEqualTo("***");
		assertThat(PiiMasking.phone("unknown")).isEqualTo("unknown");
		assertThat(PiiMasking.phone("---")).isEqualTo("---");
	}

	@Test
	void masksAddressesInsideAProvidersErrorText() {
		assertThat(PiiMasking.text("550 5.1.1 <taro@example.com>: Recipient address rejected"))
			.isEqualTo("550 5.1.1 <t***@example.com>: Recipient address rejected");
		assertThat(PiiMasking.text("21211: The 'To' number +81 90 1234 5678 is not a valid phone number"))
			.isEqualTo("21211: The 'To' number +81 9* **** 5678 is not a valid phone number");
		assertThat(PiiMasking.text("400 invalid to: U4af4980629a1b2c3d4e5f60718293a4b"))
			.isEqualTo("400 invalid to: U***3a4b");
		assertThat(PiiMasking.text("SMTP connection failed: localhost, 1025; timeout 5000"))
			.isEqualTo("SMTP connection failed: localhost, 1025; timeout 5000");
		assertThat(PiiMasking.text("queued as d0948164-98ef-4f5b-a134-3b6f0b0362a3 (id 1234567890123)"))
			.isEqualTo("queued as d0948164-98ef-4f5b-a134-3b6f0b0362a3 (id 123******0123)");
		assertThat(PiiMasking.text("to 090-1234-5678.")).isEqualTo("to 090-****-5678.");
		assertThat(PiiMasking.textFor("taro@example.com", true)).isEqualTo("taro@example.com");
	}

	@Test
	void masksUnusualAddressesInsideAProvidersErrorText() {
		assertThat(PiiMasking.text("550 <\"taro yamada\"@example.com>: no such user"))
			.isEqualTo("550 <\"***@example.com>: no such user");
		assertThat(PiiMasking.text("550 山田太郎@例え.jp: unknown")).isEqualTo("550 山***@例え.jp: unknown");
		assertThat(PiiMasking.text("relay denied for taro@localhost")).isEqualTo("relay denied for t***@localhost");
		assertThat(PiiMasking.text("bad recipient taro@[192.0.2.1]")).isEqualTo("bad recipient t***@[192.0.2.1]");
		assertThat(PiiMasking.text("rejected o'brien+sale%x!y@mail.example.co.jp"))
			.isEqualTo("rejected o***@mail.example.co.jp");
		assertThat(PiiMasking.text("21211: invalid 'To' (03) 1234-5678"))
			.isEqualTo("21211: invalid 'To' (03) 1***-5678");
		assertThat(PiiMasking.text("invalid number 090.1234.5678")).isEqualTo("invalid number 090.****.5678");
		assertThat(PiiMasking.text("宛先 ０９０－１２３４－５６７８ は無効です")).isEqualTo("宛先 ０９０－****－５６７８ は無効です");
		assertThat(PiiMasking.text("invalid to: +1 (415) 555-0123")).isEqualTo("invalid to: +1 (41*) ***-0123");
		assertThat(PiiMasking.text("400 invalid to: UABCDEF0123456789ABCDEF0123456789"))
			.isEqualTo("400 invalid to: U***6789");
		assertThat(PiiMasking.text("group C4af4980629a1b2c3d4e5f60718293a4b left")).isEqualTo("group C***3a4b left");
		assertThat(PiiMasking.text("421 4.7.0 try again later (1025)")).isEqualTo("421 4.7.0 try again later (1025)");
	}

	@Test
	void onlyAnalystsAndManagersSeeMaskedValues() {
		assertThat(PiiMasking.seesPii(null)).isFalse();
		assertThat(PiiMasking.seesPii(user(Role.ANALYST))).isFalse();
		assertThat(PiiMasking.seesPii(user(Role.MANAGER))).isFalse();
		assertThat(PiiMasking.seesPii(user(Role.ADMIN))).isTrue();
		assertThat(PiiMasking.seesPii(user(Role.MARKETER))).isTrue();
		assertThat(PiiMasking.seesPii(user(Role.CONTENT_EDITOR))).isTrue();
		assertThat(PiiMasking.seesPii(user(Role.ANALYST, Role.MARKETER))).isTrue();
		assertThat(PiiMasking.emailFor("taro@example.com", false)).isEqualTo("t***@example.com");
		assertThat(PiiMasking.emailFor("taro@example.com", true)).isEqualTo("taro@example.com");
		assertThat(PiiMasking.phoneFor("090-1234-5678", false)).isEqualTo("090-****-5678");
		assertThat(PiiMasking.phoneFor("090-1234-5678", true)).isEqualTo("090-1234-5678");
	}

	private static TestingAuthenticationToken user(Role... roles) {
		List<String> authorities = Arrays.stream(roles).map(Role::authority).toList();
		return new TestingAuthenticationToken("u", "p", authorities.toArray(String[]::new));
	}

}
