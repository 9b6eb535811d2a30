package io.mawasu.crm.web.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;

/**
 * Checks {@link LoginAttempts} before the password is checked, so a blocked address is
 * refused and a guessed user answers slowly.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

	private final AuthenticationProvider delegate;

	private final LoginAttempts attempts;

	ThrottledAuthenticationProvider(AuthenticationProvider delegate, LoginAttempts attempts) {
		this.delegate = delegate;
		this.attempts = attempts;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		this.attempts.beforeAttempt(authentication);
		return this.delegate.authenticate(authentication);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
