package io.mawasu.crm.web.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * On first start (no users yet) creates the admin from {@code CRM_ADMIN_USERNAME} /
 * {@code CRM_ADMIN_PASSWORD}, or with a generated password that is logged exactly once.
 * In demo mode ({@code crm.demo.enabled}) without a configured password it creates
 * nobody: the demo users (one per role, listed on the login page) are the only users.
 */
@Component
@Order(0)
class InitialAdmin implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);

	private final UserAccounts accounts;

	private final SecurityProperties properties;

	private final boolean demo;

	InitialAdmin(UserAccounts accounts, SecurityProperties properties, Environment environment) {
		this.accounts = accounts;
		this.properties = properties;
		this.demo = environment.getProperty("crm.demo.enabled", Boolean.class, false);
	}

	/** Whether to create the first admin: not in demo mode unless a password is set. */
	static boolean creates(boolean demo, @Nullable String password) {
		return !demo || (password != null && !password.isBlank());
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.accounts.count() > 0) {
			return;
		}
		String password = this.properties.adminPassword();
		if (!creates(this.demo, password)) {
			log.info("Demo mode: no admin is created; log in as one of the demo users listed on the login page");
			return;
		}
		boolean generated = password == null || password.isBlank();
		if (generated) {
			byte[] bytes = new byte[18];
			new SecureRandom().nextBytes(bytes);
			password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		}
		try {
			this.accounts.create(this.properties.adminUsername(), password, EnumSet.of(Role.ADMIN));
		}
		catch (DuplicateKeyException ex) {
			// Another instance starting at the same time created it first.
			return;
		}
		if (generated) {
			log.warn("Created the first admin '{}' with the generated password: {} (shown once; change it or set "
					+ "CRM_ADMIN_PASSWORD)", this.properties.adminUsername(), password);
		}
		else if (password.length() < 12) {
			log.warn("Created the first admin '{}' with a CRM_ADMIN_PASSWORD shorter than 12 characters; change it",
					this.properties.adminUsername());
		}
		else {
			log.info("Created the first admin '{}' from CRM_ADMIN_USERNAME / CRM_ADMIN_PASSWORD",
					this.properties.adminUsername());
		}
	}

}
