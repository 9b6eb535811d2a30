package io.mawasu.crm.web.audit;

import java.time.ZonedDateTime;
import java.util.List;

import io.mawasu.crm.domain.customer.ShopProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit page for admins: the newest entries first, a page at a time, times in the
 * shop's zone.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class AuditController {

	static final String VIEW = "admin/audit";

	static final int PAGE_SIZE = 50;

	private final AuditLog audit;

	private final ShopProperties shop;

	AuditController(AuditLog audit, ShopProperties shop) {
		this.audit = audit;
		this.shop = shop;
	}

	/** A row of the audit table. */
	record EntryView(ZonedDateTime at, @Nullable String username, String action, @Nullable String target,
			@Nullable String ip, @Nullable String detail) {
	}

	@GetMapping("/admin/audit")
	String list(@RequestParam(defaultValue = "0") int page, Model model) {
		int current = Math.max(0, page);
		List<AuditLog.DetailedEntry> rows = this.audit.page(current, PAGE_SIZE);
		List<EntryView> entries = rows.stream()
			.limit(PAGE_SIZE)
			.map((entry) -> new EntryView(entry.at().atZone(this.shop.timeZone()), entry.username(), entry.action(),
					entry.target(), entry.ip(), entry.detail()))
			.toList();
		model.addAttribute("entries", entries);
		model.addAttribute("page", current);
		model.addAttribute("hasNext", rows.size() > PAGE_SIZE);
		return VIEW;
	}

}
