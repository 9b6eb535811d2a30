package io.mawasu.crm.web.customers;

import java.util.List;

import io.mawasu.crm.delivery.DeliveryHistory;
import io.mawasu.crm.delivery.TimelineEntry;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.customer.CustomerDetail;
import io.mawasu.crm.domain.customer.CustomerPage;
import io.mawasu.crm.domain.customer.CustomerQueries;
import io.mawasu.crm.domain.customer.CustomerRepository;
import io.mawasu.crm.domain.customer.CustomerSearch;
import io.mawasu.crm.domain.customer.Gender;
import io.mawasu.crm.segmentation.ClvFits;
import io.mawasu.crm.web.InteractiveQueries;
import io.mawasu.crm.segmentation.RfmSegments;
import io.mawasu.crm.web.security.PiiMasking;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;

@Controller
@RequestMapping(CustomerController.PATH)
class CustomerController {

	static final String PATH = "/customers";

	static final String LIST_VIEW = "customers/list";

	static final String DETAIL_VIEW = "customers/detail";

	static final int PAGE_SIZE = 50;

	static final int TIMELINE_SIZE = 100;

	private final CustomerQueries customers;

	private final CustomerInsights insights;

	private final CustomerRepository repository;

	private final DeliveryHistory deliveries;

	private final InteractiveQueries interactive;

	private final ClvFits clv;

	private final RfmSegments rfmSegments;

	CustomerController(CustomerQueries customers, CustomerInsights insights, CustomerRepository repository,
			DeliveryHistory deliveries, InteractiveQueries interactive, ClvFits clv, RfmSegments rfmSegments) {
		this.interactive = interactive;
		this.clv = clv;
		this.customers = customers;
		this.insights = insights;
		this.repository = repository;
		this.deliveries = deliveries;
		this.rfmSegments = rfmSegments;
	}

	@GetMapping
	String list(CustomerSearchForm form, Model model) {
		CustomerSearch search = form.toSearch();
		CustomerPage page = this.interactive.run(() -> this.customers.search(search, form.pageNumber(), PAGE_SIZE));
		model.addAttribute("form", form);
		model.addAttribute("search", search);
		model.addAttribute("page", page);
		model.addAttribute("rows", page.rows().stream().map(CustomerPii::forCurrentUser).toList());
		model.addAttribute("prefectures", this.customers.prefectures());
		model.addAttribute("genders", Gender.values());
		model.addAttribute("previousUrl", page.hasPrevious() ? form.pageUrl(page.page() - 1) : null);
		model.addAttribute("nextUrl", page.hasNext() ? form.pageUrl(page.page() + 1) : null);
		return LIST_VIEW;
	}

	@GetMapping("/{externalId}")
	String detail(@PathVariable String externalId, Model model, java.util.Locale locale) {
		CustomerDetail detail = this.customers.detail(externalId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No customer has the external id '" + externalId + "'."));
		model.addAttribute("customer", CustomerPii.forCurrentUser(detail));
		model.addAttribute("channels", List.of(Channel.values()));
		model.addAttribute("latestOrdersLimit", CustomerQueries.LATEST_ORDERS);
		CustomerInsights.@Nullable Rfm rfm = this.insights.rfm(externalId);
		model.addAttribute("rfm", rfm);
		if (rfm != null) {
			// the segment by its current name, not its code
			model.addAttribute("rfmSegmentName",
					this.rfmSegments.segments()
						.stream()
						.filter((s) -> s.code().equals(rfm.segment()))
						.map((s) -> s.name(locale.getLanguage()))
						.findFirst()
						.orElse(rfm.segment()));
		}
		model.addAttribute("segments", this.insights.segments(externalId));
		model.addAttribute("clv", this.clv.predictionOf(externalId).orElse(null));
		model.addAttribute("timelineSize", TIMELINE_SIZE);
		model.addAttribute("timeline",
				this.repository.findByExternalId(externalId)
					.map((c) -> this.deliveries.timeline(java.util.Objects.requireNonNull(c.getId()), TIMELINE_SIZE))
					.orElse(List.of())
					.stream()
					.map(CustomerController::maskedForCurrentUser)
					.toList());
		return DETAIL_VIEW;
	}

	/** Providers quote the recipient in their errors: masked for roles without PII. */
	private static TimelineEntry maskedForCurrentUser(TimelineEntry e) {
		if (PiiMasking.currentUserSeesPii() || e.error() == null) {
			return e;
		}
		return new TimelineEntry(e.messageId(), e.createdAt(), e.sourceType(), e.sourceId(), e.stepKey(), e.channel(),
				e.contentId(), e.variant(), e.state(), e.skipReason(), PiiMasking.text(e.error()), e.sentAt(),
				e.openedAt(), e.clickedAt());
	}

}
