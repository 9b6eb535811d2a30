package io.mawasu.crm.web.users;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.mawasu.crm.domain.customer.ShopProperties;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The users page for admins: the list with roles and state, a form for a new user, and
 * per user a roles form and an enable/disable button (POST-redirect-GET).
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class UsersController {

	static final String VIEW = "admin/users";

	static final String REDIRECT = "redirect:/admin/users";

	private final UserAdministration administration;

	private final MessageSource messages;

	private final ShopProperties shop;

	private final Clock clock;

	UsersController(UserAdministration administration, MessageSource messages, ShopProperties shop, Clock clock) {
		this.clock = clock;
		this.administration = administration;
		this.messages = messages;
		this.shop = shop;
	}

	/** A row of the users table. */
	record UserView(String username, Set<Role> roles, boolean enabled, @Nullable ZonedDateTime lockedUntil) {
	}

	@GetMapping("/admin/users")
	String list(Model model) {
		if (!model.containsAttribute("userForm")) {
			model.addAttribute("userForm", new UserForm());
		}
		Instant now = this.clock.instant();
		List<UserView> users = this.administration.users().stream().map((account) -> view(account, now)).toList();
		model.addAttribute("users", users);
		model.addAttribute("roles", Role.values());
		return VIEW;
	}

	@PostMapping("/admin/users")
	String create(@ModelAttribute("userForm") UserForm form, BindingResult result, Model model,
			RedirectAttributes redirect, Locale locale) {
		try {
			UserAccounts.Account created = this.administration.create(form.getUsername(), form.getPassword(),
					form.getRoles());
			redirect.addFlashAttribute("message",
					this.messages.getMessage("users.created", new Object[] { created.username() }, locale));
			return REDIRECT;
		}
		catch (UserRejectedException ex) {
			result.rejectValue(ex.field(), ex.code(), ex.arguments(), ex.code());
			form.setPassword(null);
			return list(model);
		}
	}

	@PostMapping("/admin/users/{username}/roles")
	String changeRoles(@PathVariable String username,
			@RequestParam(name = "roles", required = false) List<String> roles, RedirectAttributes redirect,
			Locale locale) {
		try {
			this.administration.changeRoles(username, roles);
			redirect.addFlashAttribute("message",
					this.messages.getMessage("users.rolesChanged", new Object[] { username }, locale));
		}
		catch (UserRejectedException ex) {
			redirect.addFlashAttribute("error", this.messages.getMessage(ex.code(), ex.arguments(), locale));
		}
		return REDIRECT;
	}

	@PostMapping("/admin/users/{username}/enabled")
	String setEnabled(@PathVariable String username, @RequestParam boolean enabled, RedirectAttributes redirect,
			Locale locale) {
		try {
			this.administration.setEnabled(username, enabled);
			redirect.addFlashAttribute("message", this.messages
				.getMessage(enabled ? "users.enabledNow" : "users.disabledNow", new Object[] { username }, locale));
		}
		catch (UserRejectedException ex) {
			redirect.addFlashAttribute("error", this.messages.getMessage(ex.code(), ex.arguments(), locale));
		}
		return REDIRECT;
	}

	private UserView view(UserAccounts.Account account, Instant now) {
		ZonedDateTime lockedUntil = account.lockedAt(now) ? account.lockedUntil().atZone(this.shop.timeZone()) : null;
		return new UserView(account.username(), account.roles(), account.enabled(), lockedUntil);
	}

}
