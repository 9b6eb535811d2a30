package io.mawasu.crm.web.deliveries;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.mawasu.crm.delivery.DeliveryHistory;
import io.mawasu.crm.delivery.DeliveryStats;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.customer.Customer;
import io.mawasu.crm.domain.customer.CustomerRepository;
import io.mawasu.crm.web.DisplayFormats;
import io.mawasu.crm.web.security.PiiMasking;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /deliveries}: queue depth by state, sent / failed / suppressed per channel and
 * hour (chart and table), the newest failures with their reasons and the stuck count.
 * Every signed-in role may look; the numbers come from {@link DeliveryHistory#stats}.
 */
@Controller
class DeliveriesController {

	static final String VIEW = "deliveries/index";

	static final List<Integer> WINDOWS = List.of(24, 72, 168);

	private final DeliveryHistory history;

	private final CustomerRepository customers;

	private final DisplayFormats formats;

	private final TrackingBaseUrl trackingBaseUrl;

	DeliveriesController(DeliveryHistory history, CustomerRepository customers, DisplayFormats formats,
			TrackingBaseUrl trackingBaseUrl) {
		this.history = history;
		this.customers = customers;
		this.formats = formats;
		this.trackingBaseUrl = trackingBaseUrl;
	}

	record FailureRow(long messageId, String at, Channel channel, @Nullable String customer, String source,
			String stepKey, String error) {
	}

	/** One ECharts series: a channel's outcome per hour. */
	record Series(String channel, String outcome, List<Long> data) {
	}

	@GetMapping("/deliveries")
	String index(@RequestParam(defaultValue = "24") int hours, Model model) {
		int window = WINDOWS.contains(hours) ? hours : 24;
		DeliveryStats stats = this.history.stats(Duration.ofHours(window));
		model.addAttribute("hours", window);
		model.addAttribute("trackingLoopback", this.trackingBaseUrl.loopback() ? this.trackingBaseUrl.value() : null);
		model.addAttribute("windows", WINDOWS);
		model.addAttribute("queue", stats.queue());
		model.addAttribute("stuck", stats.stuck());
		model.addAttribute("hourly", stats.hourly());
		Map<Long, String> externalIds = new HashMap<>();
		for (Customer c : this.customers
			.findAllById(stats.recentFailures().stream().map(DeliveryStats.Failure::customerId).distinct().toList())) {
			externalIds.put(c.getId(), c.getExternalId());
		}
		// providers quote the recipient in their errors: masked for roles without PII
		boolean seesPii = PiiMasking.currentUserSeesPii();
		model.addAttribute("failures",
				stats.recentFailures()
					.stream()
					.map((f) -> new FailureRow(f.messageId(), this.formats.dateTime(f.at()), f.channel(),
							externalIds.get(f.customerId()), f.sourceType() + " " + f.sourceId(), f.stepKey(),
							String.valueOf(PiiMasking.textFor(f.error(), seesPii))))
					.toList());
		chart(stats, model);
		return VIEW;
	}

	private void chart(DeliveryStats stats, Model model) {
		Set<String> hours = new TreeSet<>();
		stats.hourly().forEach((h) -> hours.add(this.formats.dateTime(h.hour())));
		List<String> labels = new ArrayList<>(hours);
		Map<String, Series> series = new LinkedHashMap<>();
		for (DeliveryStats.Hourly h : stats.hourly()) {
			int at = labels.indexOf(this.formats.dateTime(h.hour()));
			add(series, labels.size(), h.channel(), "sent", at, h.sent());
			add(series, labels.size(), h.channel(), "failed", at, h.failed());
			add(series, labels.size(), h.channel(), "suppressed", at, h.suppressed());
		}
		model.addAttribute("chartHours", labels);
		model.addAttribute("chartSeries", new ArrayList<>(series.values()));
	}

	private static void add(Map<String, Series> series, int size, Channel channel, String outcome, int at, long value) {
		Series s = series.computeIfAbsent(channel + "-" + outcome, (k) -> {
			List<Long> data = new ArrayList<>();
			for (int i = 0; i < size; i++) {
				data.add(0L);
			}
			return new Series(channel.name(), outcome, data);
		});
		s.data().set(at, s.data().get(at) + value);
	}

}
