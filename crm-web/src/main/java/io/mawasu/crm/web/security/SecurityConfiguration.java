package io.mawasu.crm.web.security;

import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Two chains: the JSON API with HTTP Basic, stateless and without CSRF, answering 401 and
 * 403 as problem+json; the pages with form login, sessions and CSRF. Every path names its
 * roles here; admin actions are also guarded by method security. Both log in through
 * {@link ThrottledAuthenticationProvider}, so failed logins are slowed down, locked and
 * audited the same way.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	static final String[] IMPORTERS = { Role.ADMIN.name(), Role.MARKETER.name() };

	static final String[] CONTENT_EDITORS = { Role.ADMIN.name(), Role.MARKETER.name(), Role.CONTENT_EDITOR.name() };

	static final String[] VALUE_ANALYSTS = { Role.ADMIN.name(), Role.MARKETER.name(), Role.ANALYST.name() };

	/** Who reads the Check: results, statistics and KPIs. */
	static final String[] CHECK_READERS = { Role.ANALYST.name(), Role.MANAGER.name(), Role.MARKETER.name(),
			Role.ADMIN.name() };

	/** Who sets KPI targets. */
	static final String[] KPI_WRITERS = { Role.MARKETER.name(), Role.MANAGER.name(), Role.ADMIN.name() };

	@Bean
	PasswordEncoder passwordEncoder() {
		return new BCryptPasswordEncoder();
	}

	@Bean
	AuthenticationProvider authenticationProvider(DatabaseUserDetailsService users, PasswordEncoder passwordEncoder,
			LoginAttempts attempts) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
		provider.setPasswordEncoder(passwordEncoder);
		return new ThrottledAuthenticationProvider(provider, attempts);
	}

	@Bean
	AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher publisher) {
		DefaultAuthenticationEventPublisher events = new DefaultAuthenticationEventPublisher(publisher);
		events.setAdditionalExceptionMappings(
				Map.of(LoginAttempts.AddressBlockedException.class, AuthenticationFailureBadCredentialsEvent.class));
		return events;
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiChain(HttpSecurity http, ApiAuthenticationProblems problems) throws Exception {
		http.securityMatcher("/api/**")
			.authorizeHttpRequests((auth) -> auth.requestMatchers("/api/import/**")
				.hasAnyRole(IMPORTERS)
				.requestMatchers("/api/admin/**")
				.hasRole(Role.ADMIN.name())
				.requestMatchers("/api/contents", "/api/contents/**")
				.hasAnyRole(CONTENT_EDITORS)
				.requestMatchers("/api/clv/**", "/api/customers/*/clv")
				.hasAnyRole(VALUE_ANALYSTS)
				.requestMatchers("/api/segments/*/audience.csv")
				.hasAnyRole(IMPORTERS)
				.requestMatchers(HttpMethod.GET, "/api/kpis", "/api/kpis/**", "/api/stats/**",
						"/api/scenarios/*/metrics", "/api/scenarios/*/metrics/**")
				.hasAnyRole(CHECK_READERS)
				.requestMatchers("/api/kpis", "/api/kpis/**")
				.hasAnyRole(KPI_WRITERS)
				.requestMatchers("/api/analytics/**")
				.hasRole(Role.ADMIN.name())
				.anyRequest()
				.authenticated())
			.httpBasic((basic) -> basic.authenticationEntryPoint(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.headers((headers) -> headers.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

	/**
	 * What recipients reach from a message, and providers' webhooks: no login, the HMAC
	 * token or the provider's signature is the proof. No CSRF here, because mail clients
	 * post the RFC 8058 one-click unsubscribe without a session, and an attacker cannot
	 * forge the token a forged request would need.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain publicChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/t/**", "/u/**", "/webhooks/**")
			.authorizeHttpRequests((auth) -> auth.anyRequest().permitAll())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.headers((headers) -> headers.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain pageChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((auth) -> auth
			.requestMatchers("/login", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/favicon.svg", "/error",
					"/actuator/health", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
			.permitAll()
			.requestMatchers("/import/**")
			.hasAnyRole(IMPORTERS)
			.requestMatchers("/admin/**")
			.hasRole(Role.ADMIN.name())
			.requestMatchers("/contents", "/contents/**")
			.hasAnyRole(CONTENT_EDITORS)
			.requestMatchers("/clv", "/clv/**", "/journey", "/journey/**")
			.hasAnyRole(VALUE_ANALYSTS)
			.requestMatchers(HttpMethod.GET, "/kpis", "/scenarios/*/results", "/scenarios/*/results.csv",
					"/scenarios/*/results/**", "/scenarios/*/launch-check")
			.hasAnyRole(CHECK_READERS)
			.requestMatchers("/kpis", "/kpis/**")
			.hasAnyRole(KPI_WRITERS)
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
			.logout((logout) -> logout
				.logoutRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/logout"))
				.logoutSuccessUrl("/login?logout"))
			.headers((headers) -> headers.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

}
