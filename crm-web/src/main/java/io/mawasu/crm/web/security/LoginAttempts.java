package io.mawasu.crm.web.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.mawasu.crm.web.audit.AuditLog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Slows down and locks guessing, for form login and HTTP Basic alike, in the database so
 * it holds across instances ({@code web.login_failure}).
 * <ul>
 * <li>Per user and address: after {@code crm.security.max-failed-attempts} failures on a
 * name from one address, that name is locked <em>from that address</em> for
 * {@code crm.security.lock-duration}. Nobody can lock another user (the admin included)
 * out: the user still logs in from their own address.</li>
 * <li>Per user: after {@code crm.security.delay-after-failed-attempts} failures on a name
 * (from any address, within the lock duration) every attempt on it waits a growing,
 * bounded delay.</li>
 * <li>Per address (in this instance's memory): after
 * {@code crm.security.max-failed-attempts-per-address} failures within
 * {@code crm.security.address-window} the address is refused until the window ends.</li>
 * </ul>
 * Names that do not exist are counted, delayed and locked exactly like real ones (and the
 * password check hashes against a dummy), so neither the answer nor its timing tells
 * whether a user exists. A successful login clears the pair's count, not the address's.
 * Every outcome is audited.
 */
@Component
class LoginAttempts {

	static final String LOGIN_SUCCESS = "LOGIN_SUCCESS";

	static final String LOGIN_FAILURE = "LOGIN_FAILURE";

	static final String LOCKED = "LOCKED";

	static final String LOGOUT = "LOGOUT";

	private static final Logger log = LoggerFactory.getLogger(LoginAttempts.class);

	private static final int MAX_TRACKED_ADDRESSES = 100_000;

	private static final int MAX_KEY_LENGTH = 200;

	private final UserAccounts accounts;

	private final AuditLog audit;

	private final SecurityProperties properties;

	private final Clock clock;

	private final Map<String, AddressFailures> addresses = new ConcurrentHashMap<>();

	LoginAttempts(UserAccounts accounts, AuditLog audit, SecurityProperties properties, Clock clock) {
		this.accounts = accounts;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Refuses a blocked address and waits before an attempt on a user who keeps failing.
	 */
	void beforeAttempt(Authentication attempt) {
		String address = addressOf(attempt);
		if (address != null && isBlocked(address)) {
			throw new AddressBlockedException();
		}
		Instant now = this.clock.instant();
		String username = key(attempt.getName());
		if (this.accounts.isLocked(username, key(address), now)) {
			throw new LockedException("Too many failed logins on this user from this address");
		}
		Duration delay = this.properties
			.delayAfter(this.accounts.failedAttempts(username, now.minus(this.properties.lockDuration())));
		if (!delay.isZero()) {
			try {
				Thread.sleep(delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AuthenticationServiceException("Interrupted while slowing down a login", ex);
			}
		}
	}

	boolean isBlocked(String address) {
		AddressFailures failures = this.addresses.get(address);
		return failures != null && failures.count() >= this.properties.maxFailedAttemptsPerAddress()
				&& failures.windowEnd().isAfter(this.clock.instant());
	}

	@EventListener
	void onFailure(AbstractAuthenticationFailureEvent event) {
		Authentication attempt = event.getAuthentication();
		String username = attempt.getName();
		String address = addressOf(attempt);
		AuthenticationException failure = event.getException();
		this.audit.record(username, LOGIN_FAILURE, null, address, reason(failure));
		if (failure instanceof AddressBlockedException) {
			return;
		}
		if (address != null) {
			countAddressFailure(address);
		}
		if (failure.getClass() == BadCredentialsException.class) {
			Instant now = this.clock.instant();
			Instant lockUntil = now.plus(this.properties.lockDuration());
			int attempts = this.accounts.recordFailure(key(username), key(address), this.properties.maxFailedAttempts(),
					now, lockUntil, now.minus(this.properties.lockDuration()));
			if (attempts == this.properties.maxFailedAttempts()) {
				this.audit.record(username, LOCKED, username, address,
						attempts + " failed logins from " + address + "; locked from there until " + lockUntil);
			}
		}
	}

	@EventListener
	void onSuccess(AuthenticationSuccessEvent event) {
		Authentication authentication = event.getAuthentication();
		this.accounts.recordSuccess(key(authentication.getName()), key(addressOf(authentication)));
	}

	/** Form logins are audited; HTTP Basic authenticates every API call and is not. */
	@EventListener
	void onInteractiveSuccess(InteractiveAuthenticationSuccessEvent event) {
		Authentication authentication = event.getAuthentication();
		this.audit.record(authentication.getName(), LOGIN_SUCCESS, null, addressOf(authentication), null);
	}

	@EventListener
	void onLogout(LogoutSuccessEvent event) {
		this.audit.record(event.getAuthentication().getName(), LOGOUT, null, AuditLog.currentAddress(), null);
	}

	@Scheduled(fixedDelay = 5, timeUnit = TimeUnit.MINUTES)
	void forgetEndedWindows() {
		Instant now = this.clock.instant();
		this.addresses.values().removeIf((failures) -> !failures.windowEnd().isAfter(now));
		this.accounts.forgetFailuresBefore(now.minus(this.properties.lockDuration()));
	}

	/** A user name or address as stored: bounded, "" for none. */
	static String key(@Nullable String value) {
		if (value == null) {
			return "";
		}
		return (value.length() > MAX_KEY_LENGTH) ? value.substring(0, MAX_KEY_LENGTH) : value;
	}

	private void countAddressFailure(String address) {
		Instant now = this.clock.instant();
		if (this.addresses.size() >= MAX_TRACKED_ADDRESSES) {
			forgetEndedWindows();
		}
		AddressFailures failures = this.addresses.compute(address, (key, current) -> {
			if (current == null || !current.windowEnd().isAfter(now)) {
				return new AddressFailures(1, now.plus(this.properties.addressWindow()));
			}
			return new AddressFailures(current.count() + 1, current.windowEnd());
		});
		if (failures.count() == this.properties.maxFailedAttemptsPerAddress()) {
			log.warn("Refusing logins from {} until {} after {} failures", address, failures.windowEnd(),
					failures.count());
		}
	}

	private static @Nullable String addressOf(Authentication authentication) {
		if (authentication.getDetails() instanceof WebAuthenticationDetails details) {
			return details.getRemoteAddress();
		}
		return AuditLog.currentAddress();
	}

	private static String reason(AuthenticationException failure) {
		if (failure instanceof AddressBlockedException) {
			return "address blocked";
		}
		if (failure instanceof LockedException) {
			return "locked";
		}
		if (failure instanceof DisabledException) {
			return "disabled";
		}
		if (failure instanceof BadCredentialsException) {
			return "bad credentials";
		}
		return failure.getClass().getSimpleName();
	}

	private record AddressFailures(int count, Instant windowEnd) {
	}

	/** An attempt from an address that failed too often; reported as a failed login. */
	static final class AddressBlockedException extends BadCredentialsException {

		AddressBlockedException() {
			super("Too many failed logins from this address");
		}

	}

}
