package io.mawasu.crm.web.demo;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * In demo mode only, gives the login page the demo users and their password
 * ({@code demoUsers}).
 */
@ControllerAdvice(basePackages = "io.mawasu.crm.web.security")
@ConditionalOnBooleanProperty("crm.demo.enabled")
class DemoLoginAdvice {

	@ModelAttribute("demoUsers")
	List<DemoUsers.DemoUser> demoUsers() {
		return DemoUsers.all();
	}

}
