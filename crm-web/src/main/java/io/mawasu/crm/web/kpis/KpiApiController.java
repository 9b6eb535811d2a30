package io.mawasu.crm.web.kpis;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.mawasu.crm.analytics.KpiRequest;
import io.mawasu.crm.analytics.KpiView;
import io.mawasu.crm.analytics.Kpis;
import io.mawasu.crm.analytics.UnknownKpi;
import io.mawasu.crm.web.audit.AuditLog;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/kpis}: KPI targets, read by ANALYST, MANAGER, MARKETER and ADMIN, written
 * (and audited) by MARKETER, MANAGER and ADMIN (SecurityConfiguration).
 */
@RestController
@RequestMapping("/api/kpis")
class KpiApiController {

	private final Kpis kpis;

	private final AuditLog audit;

	KpiApiController(Kpis kpis, AuditLog audit) {
		this.kpis = kpis;
		this.audit = audit;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Long>> create(@RequestBody KpiRequest request, Authentication user) {
		long id = this.kpis.create(request, user.getName());
		this.audit.record("kpi.create", "kpi:" + id);
		return ResponseEntity.created(URI.create("/api/kpis/" + id)).body(Map.of("id", id));
	}

	@GetMapping
	List<KpiView> list() {
		return this.kpis.list();
	}

	@GetMapping("/{id}")
	KpiView get(@PathVariable long id) {
		return this.kpis.get(id).orElseThrow(() -> new UnknownKpi(id));
	}

	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	KpiView update(@PathVariable long id, @RequestBody KpiRequest request) {
		KpiView view = this.kpis.update(id, request);
		this.audit.record("kpi.update", "kpi:" + id);
		return view;
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		if (!this.kpis.delete(id)) {
			throw new UnknownKpi(id);
		}
		this.audit.record("kpi.delete", "kpi:" + id);
		return ResponseEntity.noContent().build();
	}

}
