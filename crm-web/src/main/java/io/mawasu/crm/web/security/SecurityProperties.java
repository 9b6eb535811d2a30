package io.mawasu.crm.web.security;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Security settings ({@code crm.security.*}): the first admin, and how failed logins are
 * slowed down and locked.
 */
@ConfigurationProperties("crm.security")
public record SecurityProperties(@DefaultValue("admin") String adminUsername, @Nullable String adminPassword,
		@DefaultValue("5") int maxFailedAttempts, @DefaultValue("15m") Duration lockDuration,
		@DefaultValue("20") int maxFailedAttemptsPerAddress) {

}
