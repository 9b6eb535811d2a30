package io.mawasu.crm.web.home;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.mawasu.crm.domain.customer.ShopProperties;
import io.mawasu.crm.domain.order.MonthlyKpi;
import io.mawasu.crm.domain.order.OrderQueries;
import io.mawasu.crm.web.JsonFormats;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class HomeController {

	static final String VIEW = "home";

	static final int MONTHS = 24;

	private final OrderQueries orders;

	private final ShopProperties shop;

	private final Clock clock;

	private final JsonFormats json;

	HomeController(OrderQueries orders, ShopProperties shop, ObjectProvider<Clock> clock, JsonFormats json) {
		this.json = json;
		this.orders = orders;
		this.shop = shop;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	@GetMapping("/")
	String home(Model model) {
		List<MonthlyKpi> kpis = this.orders.monthlyKpis(MONTHS);
		model.addAttribute("kpis", kpis);
		model.addAttribute("latest", kpis.get(kpis.size() - 1));
		List<MonthlyKpi> newestFirst = new ArrayList<>(kpis);
		Collections.reverse(newestFirst);
		model.addAttribute("newestFirst", newestFirst);
		model.addAttribute("chart", chart(kpis));
		model.addAttribute("chartJson", this.json.write(chart(kpis)));
		// The current month is still running: it is marked as partial, not compared as if
		// complete.
		LocalDate today = LocalDate.now(this.clock.withZone(this.shop.timeZone()));
		model.addAttribute("currentMonth", YearMonth.from(today));
		model.addAttribute("today", today);
		return VIEW;
	}

	/**
	 * The series of the chart; a month without orders has no average nor frequency (a
	 * gap).
	 */
	private static Map<String, List<?>> chart(List<MonthlyKpi> kpis) {
		return Map.of("months", kpis.stream().map((kpi) -> kpi.month().toString()).toList(), "customers",
				kpis.stream().map(MonthlyKpi::purchasingCustomers).toList(), "averageOrderValue",
				kpis.stream().map(MonthlyKpi::averageOrderValue).toList(), "frequency",
				kpis.stream().map(MonthlyKpi::purchaseFrequency).toList());
	}

}
