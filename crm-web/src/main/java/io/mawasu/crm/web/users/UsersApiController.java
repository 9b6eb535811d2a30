package io.mawasu.crm.web.users;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import io.mawasu.crm.web.api.ApiProblems;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code POST /api/admin/users} creates a user; {@code GET /api/admin/users/{username}}
 * reads one. ADMIN only.
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class UsersApiController {

	private final UserAdministration administration;

	private final UserAccounts accounts;

	private final MessageSource messages;

	UsersApiController(UserAdministration administration, UserAccounts accounts, MessageSource messages) {
		this.administration = administration;
		this.accounts = accounts;
		this.messages = messages;
	}

	/** A new user: a name, a password of at least 12 characters and role names. */
	record NewUser(@NotBlank(message = "{users.error.usernameRequired}") @Nullable String username,
			@Nullable String password, @Nullable List<String> roles) {
	}

	/** A user as the API shows it. */
	record UserResponse(String username, List<Role> roles) {

		static UserResponse of(UserAccounts.Account account) {
			return new UserResponse(account.username(), account.roles().stream().sorted().toList());
		}

	}

	@PostMapping("/api/admin/users")
	ResponseEntity<UserResponse> create(@Valid @RequestBody NewUser request, UriComponentsBuilder uri) {
		UserAccounts.Account created = this.administration.create(request.username(), request.password(),
				request.roles());
		URI location = uri.path("/api/admin/users/{username}").buildAndExpand(created.username()).encode().toUri();
		return ResponseEntity.created(location).body(UserResponse.of(created));
	}

	@GetMapping("/api/admin/users/{username}")
	UserResponse find(@PathVariable String username) {
		return this.accounts.find(username)
			.map(UserResponse::of)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No user named '" + username + "'"));
	}

	@ExceptionHandler(UserRejectedException.class)
	ProblemDetail rejected(UserRejectedException ex, Locale locale) {
		HttpStatus status = ex.conflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
		return ApiProblems.forField(status, ex.field(), this.messages.getMessage(ex.code(), ex.arguments(), locale));
	}

}
