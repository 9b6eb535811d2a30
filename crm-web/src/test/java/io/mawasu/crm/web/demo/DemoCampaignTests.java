package io.mawasu.crm.web.demo;

import io.mawasu.crm.delivery.Content;
import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.scenario.ScenarioStatus;
import io.mawasu.crm.scenario.ScenarioView;
import io.mawasu.crm.scenario.Scenarios;
import io.mawasu.crm.web.CrmIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@CrmIntegrationTest
class DemoCampaignTests {

	@Autowired
	DemoCampaign campaign;

	@Autowired
	Scenarios scenarios;

	@Autowired
	Contents contents;

	@Test
	void seedsADraftF2FollowUpThatPassesTheScenarioChecks() {
		ScenarioView view = this.scenarios.find(this.campaign.seed()).orElseThrow();
		assertThat(view.status()).isEqualTo(ScenarioStatus.DRAFT);
		assertThat(view.testSentAt()).isNull();
		assertThat(view.controlPercent()).isEqualTo(10);
		assertThat(view.steps()).hasSize(5);
		assertThat(view.enrollments().total()).isZero();
		Content email = this.contents.list()
			.stream()
			.filter((c) -> c.name().equals("F2 フォローメール"))
			.findFirst()
			.orElseThrow();
		assertThat(email.channel()).isEqualTo(Channel.EMAIL);
		assertThat(email.variants()).extracting((v) -> v.key() + ":" + v.weight()).containsExactly("A:50", "B:50");
	}

}
