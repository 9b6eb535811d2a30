package io.mawasu.crm.web.home;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class HomeController {

	static final String VIEW = "home";

	@GetMapping("/")
	String home() {
		return VIEW;
	}

}
