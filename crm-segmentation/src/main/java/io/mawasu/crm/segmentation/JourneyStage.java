package io.mawasu.crm.segmentation;

import java.util.Arrays;
import java.util.Optional;

/**
 * A stage of the customer journey, in the order a customer passes them (never back):
 * registered without a purchase, first purchase, repeat purchases, regular (see
 * {@link JourneyProperties}).
 */
public enum JourneyStage {

	REGISTERED, FIRST, REPEAT, REGULAR;

	public static Optional<JourneyStage> of(String name) {
		return Arrays.stream(values()).filter((stage) -> stage.name().equals(name)).findFirst();
	}

}
