package io.mawasu.crm.web.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * On first start (no users yet) creates the admin from {@code CRM_ADMIN_USERNAME} /
 * {@code CRM_ADMIN_PASSWORD}, or with a generated password that is logged exactly once.
 */
@Component
@Order(0)
class InitialAdmin implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);

	private final UserAccounts accounts;

	private final SecurityProperties properties;

	InitialAdmin(UserAccounts accounts, SecurityProperties properties) {
		this.accounts = accounts;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.accounts.count() > 0) {
			return;
		}
		String password = this.properties.adminPassword();
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
