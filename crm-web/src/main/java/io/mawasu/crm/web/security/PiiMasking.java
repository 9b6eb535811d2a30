package io.mawasu.crm.web.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

	/**
	 * Keeps the first character of the local part and the domain:
	 * {@code taro@example.com} becomes {@code t***@example.com}; a value that is not an
	 * address is masked whole.
	 */
	public static @Nullable String email(@Nullable String email) {
		if (email == null || email.isEmpty()) {
			return email;
		}
		int at = email.lastIndexOf('@');
		if (at <= 0 || at == email.length() - 1) {
			return "***";
		}
		return new String(Character.toChars(email.codePointAt(0))) + "***" + email.substring(at);
	}

	/**
	 * Keeps the separators, the first three digits (the carrier prefix) and the last four
	 * of a full number: {@code 090-1234-5678} becomes {@code 090-****-5678}. A short
	 * number keeps only its last two digits, a very short one none.
	 */
	public static @Nullable String phone(@Nullable String phone) {
		if (phone == null || phone.isEmpty()) {
			return phone;
		}
		int digits = (int) phone.chars().filter(Character::isDigit).count();
		int keepFirst = (digits >= 10) ? 3 : 0;
		int keepLast = (digits >= 10) ? 4 : (digits >= 6) ? 2 : 0;
		StringBuilder masked = new StringBuilder(phone.length());
		int seen = 0;
		for (char c : phone.toCharArray()) {
			if (Character.isDigit(c)) {
				seen++;
				masked.append((seen <= keepFirst || seen > digits - keepLast) ? c : '*');
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

	private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");

	// 10 to 15 digits with single spaces or hyphens, standing alone: not a run of digits
	// inside a UUID or message id
	private static final Pattern PHONE = Pattern.compile("(?<![\\w-])\\+?\\d(?:[ -]?\\d){9,14}(?![\\w-])");

	private static final Pattern LINE_USER = Pattern.compile("U[0-9a-f]{32}");

	/**
	 * Masks the addresses inside a free text, such as a provider's error message that
	 * quotes the recipient: emails and phone numbers as {@link #email} and {@link #phone}
	 * do, LINE user ids down to their last four characters.
	 */
	public static @Nullable String text(@Nullable String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String masked = EMAIL.matcher(text).replaceAll((m) -> Matcher.quoteReplacement(email(m.group())));
		masked = PHONE.matcher(masked).replaceAll((m) -> Matcher.quoteReplacement(phone(m.group())));
		return LINE_USER.matcher(masked)
			.replaceAll((m) -> Matcher.quoteReplacement("U***" + m.group().substring(m.group().length() - 4)));
	}

	public static @Nullable String textFor(@Nullable String text, boolean seesPii) {
		return seesPii ? text : text(text);
	}

}
