package io.mawasu.crm.web.security;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Masks email and phone for the roles that must not see PII (ANALYST, MANAGER) unless
 * they also hold a role that may: {@code t***@example.com}, {@code 090-****-5678}.
 */
public final class PiiMasking {

	private PiiMasking() {
	}

	/** Whether the current user may see PII in clear. */
	public static boolean currentUserSeesPii() {
		return seesPii(SecurityContextHolder.getContext().getAuthentication());
	}

	public static boolean seesPii(@Nullable Authentication auth) {
		if (auth == null) {
			return false;
		}
		return auth.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch((a) -> a.equals(Role.ADMIN.authority()) || a.equals(Role.MARKETER.authority())
					|| a.equals(Role.CONTENT_EDITOR.authority()));
	}

	public static @Nullable String email(@Nullable String email) {
		if (email == null || email.isEmpty()) {
			return email;
		}
		int at = email.indexOf('@');
		if (at <= 0) {
			return "***";
		}
		return email.charAt(0) + "***" + email.substring(at);
	}

	public static @Nullable String phone(@Nullable String phone) {
		if (phone == null || phone.isEmpty()) {
			return phone;
		}
		StringBuilder masked = new StringBuilder(phone.length());
		int digits = (int) phone.chars().filter(Character::isDigit).count();
		int seen = 0;
		for (char c : phone.toCharArray()) {
			if (Character.isDigit(c)) {
				seen++;
				// Keep the first three digits (the carrier prefix) and the last four.
				masked.append((seen <= 3 || seen > digits - 4) ? c : '*');
			}
			else {
				masked.append(c);
			}
		}
		return masked.toString();
	}

	public static @Nullable String emailFor(@Nullable String email, boolean seesPii) {
		return seesPii ? email : email(email);
	}

	public static @Nullable String phoneFor(@Nullable String phone, boolean seesPii) {
		return seesPii ? phone : phone(phone);
	}

}
