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

	// Any token with an @ inside: a quoted local part ("taro yamada"@…), Unicode
	// (山田@例え.jp), a domain without a dot (taro@localhost) or an address literal
	// (taro@[192.0.2.1]) is an address as much as taro@example.com.
	private static final Pattern EMAIL = Pattern.compile(
			"(?:\"[^\"\r\n]{1,64}\"|[^\\s<>()\\[\\],;:\"@]+)@(?:\\[[^\\]\\s]+]|[^\\s<>()\\[\\],;:\"'@]+)",
			Pattern.UNICODE_CHARACTER_CLASS);

	// 7 to 15 digits (any script: full-width too) with spaces, dots, dashes, slashes or
	// parentheses between them, standing alone: not a run of digits inside a UUID, a
	// message id or a host name
	private static final Pattern PHONE = Pattern.compile(
			"(?<![\\w.\\p{Pd}])[+＋(（]?\\d[\\d ().\\p{Pd}/（）]{5,28}\\d(?![\\w\\p{Pd}])",
			Pattern.UNICODE_CHARACTER_CLASS);

	// LINE user, group and room ids, in either case
	private static final Pattern LINE_ID = Pattern.compile("(?<![0-9A-Za-z])[UCR][0-9a-fA-F]{32}(?![0-9A-Za-z])");

	/**
	 * Masks every address inside a free text, such as a provider's error message that
	 * quotes the recipient: emails (however unusual) as {@link #email} does, phone
	 * numbers of 7 to 15 digits as {@link #phone} does, LINE ids down to their last four
	 * characters.
	 */
	public static @Nullable String text(@Nullable String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String masked = EMAIL.matcher(text).replaceAll((m) -> Matcher.quoteReplacement(email(m.group())));
		masked = LINE_ID.matcher(masked)
			.replaceAll((m) -> Matcher
				.quoteReplacement(m.group().charAt(0) + "***" + m.group().substring(m.group().length() - 4)));
		return PHONE.matcher(masked).replaceAll((m) -> {
			long digits = m.group().chars().filter(Character::isDigit).count();
			return Matcher.quoteReplacement((digits >= 7 && digits <= 15) ? phone(m.group()) : m.group());
		});
	}

	public static @Nullable String textFor(@Nullable String text, boolean seesPii) {
		return seesPii ? text : text(text);
	}

}
