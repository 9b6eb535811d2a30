package io.mawasu.crm.web.users;

import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import io.mawasu.crm.web.CrmIntegrationTest;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.ExtendedModelMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@CrmIntegrationTest
class UsersPageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserAccounts accounts;

	@Autowired
	UserAdministration administration;

	@Autowired
	UsersController controller;

	@Autowired
	JdbcClient jdbc;

	@Test
	void listsUsersWithTheirRolesInJapanese() throws Exception {
		String name = newUser(Role.CONTENT_EDITOR);
		this.mvc.perform(get("/admin/users").with(admin()).header("Accept-Language", "ja"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(name)))
			.andExpect(content().string(containsString("コンテンツ編集者")))
			.andExpect(content().string(containsString("新しいユーザー")));
	}

	@Test
	void aFormPostWithoutCsrfTokenIsForbidden() throws Exception {
		String name = "csrf-" + UUID.randomUUID();
		this.mvc
			.perform(post("/admin/users").with(admin())
				.param("username", name)
				.param("password", "a-long-password-1")
				.param("roles", "ANALYST"))
			.andExpect(status().isForbidden());
		assertThat(this.accounts.exists(name)).isFalse();
		this.mvc
			.perform(post("/admin/users").with(admin())
				.with(csrf())
				.param("username", name)
				.param("password", "a-long-password-1")
				.param("roles", "ANALYST", "MANAGER"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/admin/users"))
			.andExpect(flash().attribute("message", "Created the user " + name + "."));
		assertThat(this.accounts.find(name).orElseThrow().roles()).containsExactlyInAnyOrder(Role.ANALYST,
				Role.MANAGER);
	}

	@Test
	void showsValidationMessagesOnTheForm() throws Exception {
		this.mvc
			.perform(post("/admin/users").with(admin())
				.with(csrf())
				.param("username", "short-" + UUID.randomUUID())
				.param("password", "short")
				.param("roles", "ANALYST"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("userForm", "password", "users.error.passwordShort"))
			.andExpect(content().string(containsString("Use a password of at least 12 characters.")));
		this.mvc
			.perform(post("/admin/users").with(admin())
				.with(csrf())
				.header("Accept-Language", "ja")
				.param("username", "")
				.param("password", "a-long-password-1"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("ユーザー名を入力してください。")));
	}

	@Test
	void changesRolesAndEnablesAndDisables() throws Exception {
		String name = newUser(Role.ANALYST);
		this.mvc.perform(
				post("/admin/users/{u}/roles", name).with(admin()).with(csrf()).param("roles", "MARKETER", "MANAGER"))
			.andExpect(redirectedUrl("/admin/users"))
			.andExpect(flash().attribute("message", "Changed the roles of " + name + "."));
		assertThat(this.accounts.find(name).orElseThrow().roles()).containsExactlyInAnyOrder(Role.MARKETER,
				Role.MANAGER);
		this.mvc.perform(post("/admin/users/{u}/enabled", name).with(admin()).with(csrf()).param("enabled", "false"))
			.andExpect(redirectedUrl("/admin/users"));
		assertThat(this.accounts.find(name).orElseThrow().enabled()).isFalse();
		this.mvc.perform(post("/admin/users/{u}/enabled", name).with(admin()).with(csrf()).param("enabled", "true"))
			.andExpect(redirectedUrl("/admin/users"));
		assertThat(this.accounts.find(name).orElseThrow().enabled()).isTrue();
		this.mvc.perform(post("/admin/users/{u}/roles", name).with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin/users"))
			.andExpect(flash().attribute("error", "Choose at least one role."));
		assertThat(actions(name)).containsSubsequence("USER_CREATED", "ROLES_CHANGED", "USER_DISABLED", "USER_ENABLED");
	}

	@Test
	@Transactional
	@WithMockUser(username = "admin", roles = "ADMIN")
	void theLastEnabledAdminStays() {
		String last = newUser(Role.ADMIN);
		this.jdbc.sql("""
				update web.app_user set enabled = false where username <> :u
				and id in (select user_id from web.app_user_role where role = 'ADMIN')
				""").param("u", last).update();
		assertThatExceptionOfType(UserRejectedException.class)
			.isThrownBy(() -> this.administration.changeRoles(last, List.of("ANALYST")))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("users.error.lastAdmin"));
		assertThatExceptionOfType(UserRejectedException.class)
			.isThrownBy(() -> this.administration.setEnabled(last, false))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("users.error.lastAdmin"));
	}

	@Test
	@WithMockUser(username = "marketer", roles = "MARKETER")
	void adminActionsAreGuardedByMethodSecurityToo() {
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(
				() -> this.administration.create("ms-" + UUID.randomUUID(), "a-long-password-1", List.of("ADMIN")));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.controller.list(new ExtendedModelMap()));
	}

	private String newUser(Role role) {
		String name = "page-" + UUID.randomUUID();
		this.accounts.create(name, "a-long-password-1", EnumSet.of(role));
		this.jdbc.sql("insert into web.audit_log (username, action, target) values ('admin', 'USER_CREATED', :t)")
			.param("t", name)
			.update();
		return name;
	}

	private List<String> actions(String target) {
		return this.jdbc.sql("select action from web.audit_log where target like :t || '%' order by id")
			.param("t", target)
			.query(String.class)
			.list();
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
		return user("admin").roles("ADMIN");
	}

}
