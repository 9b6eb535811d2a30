package io.mawasu.crm.web.segments;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import io.mawasu.crm.scenario.ScenarioStatus;
import io.mawasu.crm.scenario.Scenarios;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Whether a segment may be edited or deleted: not while an active (or paused, which can
 * resume) scenario enrols from it, because its members would change or vanish under the
 * running scenario. Duplicating is always allowed.
 */
@Component
class SegmentUsage {

	private final Scenarios scenarios;

	private final MessageSource messages;

	SegmentUsage(Scenarios scenarios, MessageSource messages) {
		this.scenarios = scenarios;
		this.messages = messages;
	}

	/**
	 * Why the segment cannot be changed now, in the given language; empty when it can.
	 */
	Optional<String> refusal(long segmentId, Locale locale) {
		List<String> running = this.scenarios.list()
			.stream()
			.filter((s) -> s.segmentId() == segmentId)
			.filter((s) -> s.status() == ScenarioStatus.ACTIVE || s.status() == ScenarioStatus.PAUSED)
			.map((s) -> "「" + s.name() + "」("
					+ this.messages.getMessage("scenarios.status." + s.status().name(), null, s.status().name(), locale)
					+ ")")
			.toList();
		if (running.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(this.messages.getMessage("segments.inUse",
				new Object[] { running.stream().collect(Collectors.joining(", ")) }, locale));
	}

}
