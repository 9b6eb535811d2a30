package io.mawasu.crm.web.edge;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;

import io.mawasu.crm.testing.TestDatabaseConfiguration;
import io.mawasu.crm.web.TestUsers;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The settings that change the edge's behaviour, in a context of their own: the IP
 * allow-list with a trusted proxy, a 1 ms interactive query timeout, and forwarded
 * headers behind TLS (the session cookie over a real port).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "crm.security.admin-username=admin", "crm.security.admin-password=" + TestUsers.PASSWORD,
				"crm.security.allowed-networks=10.0.0.0/8, 2001:db8::/32, 127.0.0.1",
				"crm.security.trusted-proxies=192.0.2.10", "crm.web.query-timeout=1ms",
				"server.forward-headers-strategy=native", "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1" })
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
class EdgeSettingsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserAccounts accounts;

	@LocalServerPort
	int port;

	@BeforeEach
	void users() {
		TestUsers.ensure(this.accounts);
	}

	static RequestPostProcessor from(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	static RequestPostProcessor forwardedFor(String header) {
		return (request) -> {
			request.addHeader("X-Forwarded-For", header);
			return request;
		};
	}

	@Test
	void pagesAndTheApiAnswerOnlyAllowedNetworks() throws Exception {
		for (String allowed : List.of("10.1.2.3", "2001:db8::7", "127.0.0.1")) {
			this.mvc.perform(get("/api/admin/audit").with(TestUsers.basic(Role.ADMIN)).with(from(allowed)))
				.andExpect(status().isOk());
		}
		this.mvc.perform(get("/api/admin/audit").with(TestUsers.basic(Role.ADMIN)).with(from("192.0.2.7")))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("192.0.2.7")));
		this.mvc.perform(get("/login").with(from("2001:db9::1"))).andExpect(status().isForbidden());
		this.mvc.perform(get("/css/app.css").with(from("192.0.2.7"))).andExpect(status().isForbidden());
	}

	@Test
	void trackingUnsubscribeAndWebhooksStayPublic() throws Exception {
		this.mvc.perform(get("/t/o/any.token").with(from("192.0.2.7"))).andExpect(status().isOk());
		this.mvc.perform(get("/u/not-a-token").with(from("192.0.2.7"))).andExpect(status().isNotFound());
		this.mvc
			.perform(post("/webhooks/line").contentType(MediaType.APPLICATION_JSON)
				.content("{\"events\":[]}")
				.with(from("192.0.2.7")))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void forwardedForIsBelievedOnlyFromATrustedProxy() throws Exception {
		this.mvc
			.perform(get("/api/admin/audit").with(TestUsers.basic(Role.ADMIN))
				.with(from("192.0.2.10"))
				.with(forwardedFor("10.9.9.9")))
			.andExpect(status().isOk());
		this.mvc
			.perform(get("/api/admin/audit").with(TestUsers.basic(Role.ADMIN))
				.with(from("192.0.2.10"))
				.with(forwardedFor("10.9.9.9, 192.0.2.99")))
			.andExpect(status().isForbidden());
		// a client cannot claim an allowed address
		this.mvc
			.perform(get("/api/admin/audit").with(TestUsers.basic(Role.ADMIN))
				.with(from("192.0.2.7"))
				.with(forwardedFor("10.9.9.9")))
			.andExpect(status().isForbidden());
	}

	@Test
	void anInteractiveQueryOverTheTimeoutIsCancelledAndA503() throws Exception {
		String rule = "{\"rule\":{\"any\":[" + String.join(",",
				Collections.nCopies(200, "{\"field\":\"purchasedCategory\",\"op\":\"contains\",\"value\":\"x\"}"))
				+ "]}}";
		this.mvc
			.perform(post("/api/segments/count").with(TestUsers.basic(Role.ANALYST))
				.contentType(MediaType.APPLICATION_JSON)
				.content(rule))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().exists("Retry-After"))
			.andExpect(jsonPath("$.detail", containsString("was stopped")));
	}

	@Test
	void theSessionCookieIsSameSiteLaxAndSecureBehindTls() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<String> tls = client
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/login"))
				.header("X-Forwarded-Proto", "https")
				.header("X-Forwarded-For", "10.1.1.1")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(tls.statusCode()).isEqualTo(200);
		String cookie = tls.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(cookie).startsWith("JSESSIONID=").contains("SameSite=Lax").contains("Secure").contains("HttpOnly");
		HttpResponse<String> plain = client.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(plain.headers().firstValue("Set-Cookie").orElseThrow()).contains("SameSite=Lax")
			.doesNotContain("Secure");
		// behind the proxy, the forwarded client address is what the allow-list checks
		HttpResponse<String> denied = client
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/login"))
				.header("X-Forwarded-For", "192.0.2.55")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(denied.statusCode()).isEqualTo(403);
	}

}
