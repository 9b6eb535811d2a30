package io.mawasu.crm.web.users;

/**
 * A user change that breaks a rule: the field at fault and a message key with its
 * arguments, so the page and the API can each say it in the reader's language.
 */
class UserRejectedException extends RuntimeException {

	private final String field;

	private final String code;

	private final Object[] arguments;

	private final boolean conflict;

	UserRejectedException(String field, String code, Object... arguments) {
		this(field, code, arguments, false);
	}

	private UserRejectedException(String field, String code, Object[] arguments, boolean conflict) {
		super(field + ": " + code);
		this.field = field;
		this.code = code;
		this.arguments = arguments;
		this.conflict = conflict;
	}

	static UserRejectedException taken(String username) {
		return new UserRejectedException("username", "users.error.taken", new Object[] { username }, true);
	}

	String field() {
		return this.field;
	}

	String code() {
		return this.code;
	}

	Object[] arguments() {
		return this.arguments;
	}

	/** Whether the change clashes with an existing user rather than being invalid. */
	boolean conflict() {
		return this.conflict;
	}

}
