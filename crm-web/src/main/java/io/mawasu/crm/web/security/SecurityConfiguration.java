package io.mawasu.crm.web.security;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
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
	/** Who reads the customer journey: everyone but content editors. */
	static final String[] JOURNEY_READERS = { Role.ADMIN.name(), Role.MARKETER.name(), Role.ANALYST.name(),
			Role.MANAGER.name() };

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
		// A disabled user is told only after the password check, so that every name takes
		// the time of one hash; locks are per user and address (LoginAttempts).
		provider.setPreAuthenticationChecks((user) -> {
		});
		provider.setPostAuthenticationChecks(new AccountStatusUserDetailsChecker());
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
				.requestMatchers("/api/journey", "/api/journey/**")
				.hasAnyRole(JOURNEY_READERS)
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
	 * The live KPT stream: a board page's EventSource sends the session cookie, API
	 * clients HTTP Basic, so this GET takes both (no session is created for Basic).
	 */
	@Bean
	@Order(0)
	SecurityFilterChain liveChain(HttpSecurity http, ApiAuthenticationProblems problems) throws Exception {
		http.securityMatcher(
				PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/api/cycles/*/kpt/events"))
			.authorizeHttpRequests((auth) -> auth.anyRequest().authenticated())
			.httpBasic((basic) -> basic.authenticationEntryPoint(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
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

	/**
	 * The OpenAPI document: for a signed-in session (Swagger UI) or HTTP Basic (tools),
	 * unless {@code crm.api-docs.public=true}.
	 */
	@Bean
	@Order(1)
	SecurityFilterChain apiDocsChain(HttpSecurity http, ApiAuthenticationProblems problems, ApiDocsProperties docs)
			throws Exception {
		http.securityMatcher("/v3/api-docs", "/v3/api-docs/**").authorizeHttpRequests((auth) -> {
			if (docs.publicAccess()) {
				auth.anyRequest().permitAll();
			}
			else {
				auth.anyRequest().authenticated();
			}
		})
			.httpBasic((basic) -> basic.authenticationEntryPoint(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain pageChain(HttpSecurity http, ApiDocsProperties docs) throws Exception {
		http.authorizeHttpRequests((auth) -> auth
			.requestMatchers("/login", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/favicon.svg", "/error",
					"/actuator/health")
			.permitAll()
			.requestMatchers("/swagger-ui/**", "/swagger-ui.html")
			.access((authentication,
					context) -> new AuthorizationDecision(docs.publicAccess() || isSignedIn(authentication.get())))
			.requestMatchers("/import/**")
			.hasAnyRole(IMPORTERS)
			.requestMatchers("/admin/**")
			.hasRole(Role.ADMIN.name())
			.requestMatchers("/contents", "/contents/**")
			.hasAnyRole(CONTENT_EDITORS)
			.requestMatchers("/clv", "/clv/**")
			.hasAnyRole(VALUE_ANALYSTS)
			.requestMatchers("/journey", "/journey/**")
			.hasAnyRole(JOURNEY_READERS)
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

	private static boolean isSignedIn(@Nullable Authentication authentication) {
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
	}

}
