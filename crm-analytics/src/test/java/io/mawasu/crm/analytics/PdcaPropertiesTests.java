package io.mawasu.crm.analytics;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The stall limits bind from CRM_PDCA_STALL_* environment variables, seconds allowed. */
class PdcaPropertiesTests {

	@Test
	void bindsTheStallLimitsFromEnvironmentVariables() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("CRM_PDCA_STALL_PLAN_TO_DO", "PT30S", "CRM_PDCA_STALL_DO_TO_CHECK", "P2D",
							"CRM_PDCA_STALL_CHECK_TO_ACT", "PT12H", "CRM_PDCA_STALL_ACT_TO_PLAN", "P21D")));
		PdcaProperties properties = Binder.get(environment).bindOrCreate("crm.pdca", PdcaProperties.class);
		assertThat(properties.stall().planToDo()).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.stall().doToCheck()).isEqualTo(Duration.ofDays(2));
		assertThat(properties.stall().checkToAct()).isEqualTo(Duration.ofHours(12));
		assertThat(properties.stall().actToPlan()).isEqualTo(Duration.ofDays(21));
	}

	@Test
	void defaultsToThreeSevenSevenAndFourteenDays() {
		PdcaProperties properties = Binder.get(new StandardEnvironment())
			.bindOrCreate("crm.pdca", PdcaProperties.class);
		assertThat(properties.stall().planToDo()).isEqualTo(Duration.ofDays(3));
		assertThat(properties.stall().doToCheck()).isEqualTo(Duration.ofDays(7));
		assertThat(properties.stall().checkToAct()).isEqualTo(Duration.ofDays(7));
		assertThat(properties.stall().actToPlan()).isEqualTo(Duration.ofDays(14));
	}

}
