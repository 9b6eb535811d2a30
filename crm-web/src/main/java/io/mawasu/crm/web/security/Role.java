package io.mawasu.crm.web.security;

/**
 * The roles of DESIGN.md §1. Analysts and managers see PII masked.
 */
public enum Role {

	ADMIN, MARKETER, CONTENT_EDITOR, ANALYST, MANAGER;

	public String authority() {
		return "ROLE_" + name();
	}

}
