package io.mawasu.crm.delivery;

import java.time.Instant;

/** Published when a recipient opened a message or clicked one of its links. */
public record MessageEngaged(MessageRef message, Kind kind, Instant at) {

	public enum Kind {

		OPENED, CLICKED

	}

}
