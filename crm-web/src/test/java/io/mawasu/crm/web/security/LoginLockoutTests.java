package io.mawasu.crm.web.security;

import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import io.mawasu.crm.web.CrmIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Lockout through the real authentication, with users and addresses of its own so the
 * shared test users and 127.0.0.1 stay usable.
 */
@CrmIntegrationTest
class LoginLockoutTests {

	private static final String PASSWORD = "lockout-password-1";

	@Autowired
	MockMvc mvc;

	@Autowired
	UserAccounts accounts;

	@Autowired
	SecurityProperties properties;

	@Autowired
	JdbcClient jdbc;

	@Test
	void basicLoginLocksTheUserAfterTooManyFailuresEvenWithTheRightPassword() throws Exception {
		String user = newUser();
		String address = newAddress();
		for (int i = 0; i < this.properties.maxFailedAttempts(); i++) {
			this.mvc.perform(get("/api/admin/audit").with(httpBasic(user, "wrong-password")).with(from(address)))
				.andExpect(status().isUnauthorized());
		}
		this.mvc.perform(get("/api/admin/audit").with(httpBasic(user, PASSWORD)).with(from(address)))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Basic ")))
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		assertThat(this.accounts.find(user).orElseThrow().failedAttempts())
			.isEqualTo(this.properties.maxFailedAttempts());
		assertThat(actions(user)).contains("LOCKED", "LOGIN_FAILURE");
		assertThat(details(user)).contains("locked", "bad credentials");
	}

	@Test
	void formLoginOfALockedUserFailsWithTheUsualMessage() throws Exception {
		String user = newUser();
		String address = newAddress();
		for (int i = 0; i < this.properties.maxFailedAttempts(); i++) {
			this.mvc.perform(login(user, "wrong-password", address)).andExpect(redirectedUrl("/login?error"));
		}
		this.mvc.perform(login(user, PASSWORD, address))
			.andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?error"));
		this.mvc.perform(login("no-such-user-" + UUID.randomUUID(), PASSWORD, newAddress()))
			.andExpect(redirectedUrl("/login?error"));
	}

	@Test
	void successResetsTheCount() throws Exception {
		String user = newUser();
		String address = newAddress();
		for (int round = 0; round < 2; round++) {
			for (int i = 0; i < this.properties.maxFailedAttempts() - 1; i++) {
				this.mvc.perform(login(user, "wrong-password", address)).andExpect(unauthenticated());
			}
			this.mvc.perform(login(user, PASSWORD, address)).andExpect(authenticated().withUsername(user));
		}
		assertThat(this.accounts.find(user).orElseThrow().failedAttempts()).isZero();
	}

	@Test
	void anEndedLockStartsAFreshCount() throws Exception {
		String user = newUser();
		String address = newAddress();
		this.jdbc.sql("""
				insert into web.login_failure (username, address, failed_attempts, locked_until, last_failed_at)
				values (:u, :a, :n, now() - interval '1 minute', now() - interval '2 minutes')
				""").param("n", this.properties.maxFailedAttempts()).param("u", user).param("a", address).update();
		this.mvc.perform(get("/api/admin/audit").with(httpBasic(user, "wrong-password")).with(from(address)))
			.andExpect(status().isUnauthorized());
		UserAccounts.Account account = this.accounts.find(user).orElseThrow();
		assertThat(account.failedAttempts()).isEqualTo(1);
		assertThat(account.lockedUntil()).isNull();
		this.mvc.perform(login(user, PASSWORD, address)).andExpect(authenticated());
	}

	@Test
	void anAddressWithTooManyFailuresIsRefusedForEveryUser() throws Exception {
		String guessed = newUser();
		String address = newAddress();
		for (int i = 0; i < this.properties.maxFailedAttemptsPerAddress(); i++) {
			this.mvc.perform(get("/api/admin/audit").with(httpBasic(guessed, "wrong-" + i)).with(from(address)))
				.andExpect(status().isUnauthorized());
		}
		String other = newUser();
		this.mvc.perform(login(other, PASSWORD, address))
			.andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?error"));
		this.mvc.perform(get("/api/admin/audit").with(httpBasic(other, PASSWORD)).with(from(address)))
			.andExpect(status().isUnauthorized());
		assertThat(details(other)).containsOnly("address blocked");
		assertThat(this.accounts.find(other).orElseThrow().failedAttempts()).isZero();
		this.mvc.perform(login(other, PASSWORD, newAddress())).andExpect(authenticated().withUsername(other));
	}

	@Test
	void nobodyCanLockAnotherUserOutFromTheirOwnAddress() throws Exception {
		String victim = newUser();
		String attacker = newAddress();
		for (int i = 0; i < this.properties.maxFailedAttempts() + 2; i++) {
			this.mvc.perform(get("/api/admin/audit").with(httpBasic(victim, "guess-" + i)).with(from(attacker)))
				.andExpect(status().isUnauthorized());
		}
		// locked from the attacker's address, even with the right password
		this.mvc.perform(login(victim, PASSWORD, attacker)).andExpect(unauthenticated());
		assertThat(actions(victim)).contains("LOCKED");
		// but the victim still logs in from their own address
		this.mvc.perform(login(victim, PASSWORD, newAddress())).andExpect(authenticated().withUsername(victim));
		this.mvc.perform(get("/api/customers/none-such").with(httpBasic(victim, PASSWORD)).with(from(newAddress())))
			.andExpect(status().isNotFound());
	}

	@Test
	void unknownNamesAreCountedLockedAndTimedLikeRealOnes() throws Exception {
		String known = newUser();
		String unknown = "no-such-user-" + UUID.randomUUID();
		String address = newAddress();
		for (int i = 0; i < this.properties.maxFailedAttempts(); i++) {
			this.mvc.perform(login(unknown, "wrong-password", address)).andExpect(redirectedUrl("/login?error"));
		}
		assertThat(this.jdbc.sql("""
				select failed_attempts from web.login_failure where username = :u and address = :a
				and locked_until > now()
				""").param("u", unknown).param("a", address).query(Integer.class).single())
			.isEqualTo(this.properties.maxFailedAttempts());
		// one password hash either way: the unknown name takes about as long as a known
		// one
		long knownNanos = 0;
		long unknownNanos = 0;
		for (int i = 0; i < 6; i++) {
			long start = System.nanoTime();
			this.mvc.perform(login(known, "wrong-" + i, newAddress())).andExpect(unauthenticated());
			knownNanos += System.nanoTime() - start;
			start = System.nanoTime();
			this.mvc.perform(login("no-such-user-" + UUID.randomUUID(), "wrong-" + i, newAddress()))
				.andExpect(unauthenticated());
			unknownNanos += System.nanoTime() - start;
		}
		assertThat((double) unknownNanos / knownNanos).isBetween(0.5, 2.0);
	}

	private String newUser() {
		String name = "lockout-" + UUID.randomUUID();
		this.accounts.create(name, PASSWORD, EnumSet.of(Role.ANALYST));
		return name;
	}

	private static String newAddress() {
		UUID random = UUID.randomUUID();
		return "10." + (random.hashCode() & 0xff) + "." + ((random.hashCode() >> 8) & 0xff) + "."
				+ ((random.hashCode() >> 16) & 0xff);
	}

	static MockHttpServletRequestBuilder login(String username, String password, String address) {
		return post("/login").param("username", username).param("password", password).with(csrf()).with(from(address));
	}

	static RequestPostProcessor from(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	private List<String> actions(String user) {
		return this.jdbc.sql("select action from web.audit_log where username = :u order by id")
			.param("u", user)
			.query(String.class)
			.list();
	}

	private List<String> details(String user) {
		return this.jdbc.sql("select detail from web.audit_log where username = :u and action = 'LOGIN_FAILURE'")
			.param("u", user)
			.query(String.class)
			.list();
	}

}
