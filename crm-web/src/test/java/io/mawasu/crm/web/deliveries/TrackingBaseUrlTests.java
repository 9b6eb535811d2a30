package io.mawasu.crm.web.deliveries;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TrackingBaseUrlTests {

	@ParameterizedTest
	@CsvSource({ "http://localhost:8080, true", "http://LOCALHOST, true", "http://127.0.0.1:8080/crm, true",
			"http://127.1.2.3, true", "http://[::1]:8080, true", "http://0.0.0.0:8080, true",
			"https://crm.example.com, false", "https://10.0.0.5, false", "https://203.0.113.9:8443, false",
			"not a url, false", "https://localhost.example.com, false" })
	void loopbackAddressesAreRecognised(String url, boolean loopback) {
		assertThat(TrackingBaseUrl.isLoopback(url)).isEqualTo(loopback);
	}

}
