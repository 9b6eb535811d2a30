package io.mawasu.crm.web.demo;

import io.mawasu.crm.web.security.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoUsersTests {

	@Test
	void oneDemoUserPerRoleWithTheDocumentedPassword() {
		assertThat(DemoUsers.all()).extracting(DemoUsers.DemoUser::username)
			.containsExactly("demo-admin", "demo-marketer", "demo-content-editor", "demo-analyst", "demo-manager");
		assertThat(DemoUsers.all()).extracting(DemoUsers.DemoUser::role).containsExactly(Role.values());
		assertThat(DemoUsers.all()).allSatisfy((user) -> assertThat(user.password()).isEqualTo("mawasu-demo"));
	}

	@Test
	void theLoginPageGetsTheDemoUsers() {
		assertThat(new DemoLoginAdvice().demoUsers()).isEqualTo(DemoUsers.all());
	}

}
