package io.mawasu.crm.web.cycles;

import java.net.URI;
import java.util.List;

import io.mawasu.crm.analytics.CycleRequest;
import io.mawasu.crm.analytics.CycleView;
import io.mawasu.crm.analytics.Cycles;
import io.mawasu.crm.analytics.Decision;
import io.mawasu.crm.analytics.InvalidCycle;
import io.mawasu.crm.analytics.Stage;
import io.mawasu.crm.analytics.UnknownCycle;
import io.mawasu.crm.web.audit.AuditLog;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/cycles}: plan a cycle (ADMIN, MARKETER), read them (every role), approve
 * and decide (ADMIN, MANAGER), review (every role) and start the next one (ADMIN,
 * MANAGER). A STOP decision archives the scenario, so it needs {@code "confirm": true}.
 */
@RestController
@RequestMapping("/api/cycles")
class CycleApiController {

	private final Cycles cycles;

	private final CycleUsers users;

	private final AuditLog audit;

	CycleApiController(Cycles cycles, CycleUsers users, AuditLog audit) {
		this.cycles = cycles;
		this.users = users;
		this.audit = audit;
	}

	/** A decision as posted. */
	record DecisionRequest(@Nullable Long scenarioId, @Nullable String decision, @Nullable String reason,
			@Nullable Boolean confirm) {
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
	ResponseEntity<CycleView> create(@RequestBody CycleRequest request, Authentication user) {
		CycleRequest checked = new CycleRequest(request.title(), this.users.require("owner", request.owner()),
				this.users.require("decisionMaker", request.decisionMaker()), request.from(), request.to(),
				request.kgi(), request.hypothesis(), request.segmentId(), request.scenarioIds(), request.kpiIds(),
				request.expected());
		CycleView cycle = this.cycles.create(checked, user.getName());
		this.audit.record("cycle.create", "cycle:" + cycle.id());
		return ResponseEntity.created(URI.create("/api/cycles/" + cycle.id())).body(cycle);
	}

	@GetMapping
	List<CycleView> list(@RequestParam(defaultValue = "false") boolean stalled,
			@RequestParam(required = false) @Nullable Stage stage) {
		return this.cycles.list(stalled, stage);
	}

	@GetMapping("/{id}")
	CycleView get(@PathVariable long id) {
		return this.cycles.find(id).orElseThrow(() -> UnknownCycle.cycle(id));
	}

	@PostMapping("/{id}/approve")
	@PreAuthorize("hasAnyRole('ADMIN', 'MANAGER')")
	CycleView approve(@PathVariable long id, Authentication user) {
		CycleView cycle = this.cycles.approve(id, user.getName());
		this.audit.record("cycle.approve", "cycle:" + id);
		return cycle;
	}

	@PostMapping("/{id}/review")
	CycleView review(@PathVariable long id, Authentication user) {
		return this.cycles.review(id, user.getName());
	}

	@PostMapping(path = "/{id}/decisions", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('ADMIN', 'MANAGER')")
	CycleView decide(@PathVariable long id, @RequestBody DecisionRequest request, Authentication user) {
		Decision decision = decision(request.decision());
		CycleView cycle = this.cycles.decide(id, request.scenarioId(), decision, request.reason(),
				Boolean.TRUE.equals(request.confirm()), user.getName());
		this.audit.record("cycle.decide." + decision.name().toLowerCase(),
				"cycle:" + id + " scenario:" + request.scenarioId());
		return cycle;
	}

	@PostMapping("/{id}/next")
	@PreAuthorize("hasAnyRole('ADMIN', 'MANAGER')")
	ResponseEntity<CycleView> next(@PathVariable long id, Authentication user) {
		CycleView next = this.cycles.next(id, user.getName());
		this.audit.record("cycle.next", "cycle:" + id + " next:" + next.id());
		return ResponseEntity.created(URI.create("/api/cycles/" + next.id())).body(next);
	}

	static Decision decision(@Nullable String value) {
		if (value == null) {
			throw new InvalidCycle("decision", "is required: CONTINUE, IMPROVE or STOP");
		}
		try {
			return Decision.valueOf(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidCycle("decision", "'" + ((value.length() > 40) ? value.substring(0, 40) + "…" : value)
					+ "' is not one of CONTINUE, IMPROVE, STOP");
		}
	}

}
