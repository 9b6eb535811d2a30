package io.mawasu.crm.web.users;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The new-user form of the users page. Its rules live in {@link UserAdministration}.
 */
class UserForm {

	private @Nullable String username;

	private @Nullable String password;

	private List<String> roles = new ArrayList<>();

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public List<String> getRoles() {
		return this.roles;
	}

	public void setRoles(@Nullable List<String> roles) {
		this.roles = (roles != null) ? roles : new ArrayList<>();
	}

}
