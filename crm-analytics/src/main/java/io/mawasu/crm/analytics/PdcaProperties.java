package io.mawasu.crm.analytics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code crm.pdca.*}: how long a cycle may wait in a stage after the event that opened it
 * before it counts as stalled. Set by {@code CRM_PDCA_STALL_PLAN_TO_DO} and its siblings
 * (ISO-8601 durations such as {@code P3D} or {@code PT30S}).
 */
@ConfigurationProperties("crm.pdca")
public record PdcaProperties(@DefaultValue Stall stall) {

	/**
	 * @param planToDo approved, but no linked scenario live
	 * @param doToCheck first message sent, but nobody reviewed the results
	 * @param checkToAct reviewed, but no decision per scenario
	 * @param actToPlan decided, but no next cycle started
	 */
	public record Stall(@DefaultValue("P3D") Duration planToDo, @DefaultValue("P7D") Duration doToCheck,
			@DefaultValue("P7D") Duration checkToAct, @DefaultValue("P14D") Duration actToPlan) {

	}

}
