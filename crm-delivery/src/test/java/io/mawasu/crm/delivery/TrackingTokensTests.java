package io.mawasu.crm.delivery;

import java.util.Base64;

import io.mawasu.crm.delivery.TrackingTokens.Kind;
import io.mawasu.crm.delivery.TrackingTokens.Target;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrackingTokensTests {

	final TrackingTokens tokens = new TrackingTokens(new TrackingProperties("http://localhost", "secret-1"));

	@Test
	void aSignedTokenVerifiesToItsTarget() {
		Target target = new Target(Kind.CLICK, 4711, 2);
		assertThat(this.tokens.verify(this.tokens.sign(target))).contains(target);
	}

	@Test
	void anAlteredPayloadIsRejected() {
		String token = this.tokens.sign(new Target(Kind.OPEN, 10, 0));
		String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString("OPEN:11:0".getBytes());
		String altered = otherPayload + token.substring(token.indexOf('.'));
		assertThat(this.tokens.verify(altered)).isEmpty();
	}

	@Test
	void aTokenSignedWithAnotherSecretIsRejected() {
		TrackingTokens other = new TrackingTokens(new TrackingProperties("http://localhost", "secret-2"));
		assertThat(this.tokens.verify(other.sign(new Target(Kind.UNSUBSCRIBE, 10, 0)))).isEmpty();
	}

	@Test
	void malformedTokensAreRejected() {
		assertThat(this.tokens.verify("")).isEmpty();
		assertThat(this.tokens.verify("abc")).isEmpty();
		assertThat(this.tokens.verify("a.b.c")).isEmpty();
		assertThat(this.tokens.verify("!!!.???")).isEmpty();
		String payload = Base64.getUrlEncoder().withoutPadding().encodeToString("NOPE:1:0".getBytes());
		assertThat(this.tokens.verify(payload + ".AAAA")).isEmpty();
	}

	@Test
	void withoutASecretTokensStillVerifyWithinTheRun() {
		TrackingTokens ephemeral = new TrackingTokens(new TrackingProperties("http://localhost", null));
		Target target = new Target(Kind.OPEN, 1, 0);
		assertThat(ephemeral.verify(ephemeral.sign(target))).contains(target);
		assertThat(this.tokens.verify(ephemeral.sign(target))).isEmpty();
	}

}
