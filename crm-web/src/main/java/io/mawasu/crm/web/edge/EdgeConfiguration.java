package io.mawasu.crm.web.edge;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Registers the edge filters right after the character encoding filter (so parameters
 * decode as UTF-8) and before Spring Security: the policy header first (error pages get
 * it too), then the allow-list, then the input rule.
 */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

	@Bean
	FilterRegistrationBean<ContentSecurityPolicyFilter> contentSecurityPolicyFilter() {
		FilterRegistrationBean<ContentSecurityPolicyFilter> registration = new FilterRegistrationBean<>(
				new ContentSecurityPolicyFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	FilterRegistrationBean<AllowedNetworksFilter> allowedNetworksFilter(EdgeProperties.Networks networks) {
		FilterRegistrationBean<AllowedNetworksFilter> registration = new FilterRegistrationBean<>(
				new AllowedNetworksFilter(networks));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestInputFilter> requestInputFilter(EdgeProperties properties) {
		FilterRegistrationBean<RequestInputFilter> registration = new FilterRegistrationBean<>(
				new RequestInputFilter(properties));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
		return registration;
	}

}
