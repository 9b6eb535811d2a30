package io.mawasu.crm.web.audit;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/admin/audit?limit=n}: the newest {@code n} entries (default 100, at
 * most 10,000), newest first. ADMIN only.
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class AuditApiController {

	static final int MAX_LIMIT = 10_000;

	private final AuditLog audit;

	AuditApiController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/api/admin/audit")
	List<AuditLog.Entry> newest(@RequestParam(defaultValue = "100") @Min(1) @Max(MAX_LIMIT) int limit) {
		return this.audit.newest(limit);
	}

}
