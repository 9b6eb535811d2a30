package io.mawasu.crm.scenario;

import org.jspecify.annotations.Nullable;

/**
 * What activating a scenario now would do with the members of its entry segment (its
 * latest snapshot), counted with the same rules as the enrolment itself ({@code
 * Enrolments}): {@code members = notReachable + alreadyEnrolled + higherPriority +
 * control + treatment}.
 *
 * @param members the members of the entry segment's latest snapshot
 * @param notReachable members with no current opt-in (or blacklisted) on any channel the
 * scenario sends on: never enrolled
 * @param alreadyEnrolled members the re-entry policy keeps out (enrolled before)
 * @param higherPriority members an ACTIVE scenario of higher priority holds: recorded as
 * exited with PRIORITY
 * @param control members held out as the control group (no messages)
 * @param treatment members who enter the flow and receive its messages
 * @param firstStepSends whether the entry step is a SEND, so {@code treatment} customers
 * are messaged right away (otherwise after the entry WAIT)
 * @param entryWait the entry WAIT's ISO-8601 duration, or null when the flow starts with
 * a send
 */
public record ActivationPreview(long members, long notReachable, long alreadyEnrolled, long higherPriority,
		long control, long treatment, boolean firstStepSends, @Nullable String entryWait) {

	/** The customers who will be enrolled (control and treatment). */
	public long enrolled() {
		return this.control + this.treatment;
	}

	/** The customers messaged as soon as the scenario runs. */
	public long messagedNow() {
		return this.firstStepSends ? this.treatment : 0;
	}

}
