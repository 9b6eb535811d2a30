package io.mawasu.crm.web.deliveries;

import java.util.UUID;

import io.mawasu.crm.web.CrmIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@CrmIntegrationTest
class DeliveriesPageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	String externalId;

	String error;

	/**
	 * Other tests of the shared context leave failures too, and the page lists only the
	 * 20 newest: these finish a minute ahead so they are always among them.
	 */
	@BeforeEach
	void seed() {
		this.externalId = "deliv-" + UUID.randomUUID();
		this.error = "550 mailbox unavailable " + UUID.randomUUID() + " <aiko@example.jp>";
		this.jdbc.sql("insert into domain.customer (external_id, name, email) values (:id, 'Aiko', 'aiko@example.jp')")
			.param("id", this.externalId)
			.update();
		this.jdbc
			.sql("""
					insert into delivery.message (source_type, source_id, step_key, customer_id, channel, state, skip_reason,
						error, sent_at, finished_at)
					select 'SCENARIO', 990001, v.step, c.id, v.channel, v.state, v.reason, v.error,
						case when v.state = 'SENT' then now() end, now() + interval '1 minute'
					from domain.customer c,
						(values ('s1', 'EMAIL', 'SENT', null, null), ('s2', 'SMS', 'FAILED', null, :error),
							('s3', 'LINE', 'SUPPRESSED', 'NO_CONSENT', null)) v(step, channel, state, reason, error)
					where c.external_id = :id
					""")
			.param("id", this.externalId)
			.param("error", this.error)
			.update();
	}

	@Test
	void showsQueueHourlyOutcomesAndRecentFailuresInBothLanguages() throws Exception {
		this.mvc.perform(get("/deliveries").with(user("a").roles("ANALYST")).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"queue-QUEUED\"")))
			.andExpect(content().string(containsString("id=\"stuck\"")))
			.andExpect(content().string(containsString("id=\"hourly-chart\"")))
			.andExpect(content().string(containsString("id=\"tracking-warning\"")))
			.andExpect(content().string(containsString("Tracking links point at http://localhost:8080")))
			.andExpect(content().string(containsString("Outcomes per channel and hour")))
			.andExpect(content().string(containsString(masked(this.error))))
			.andExpect(content().string(not(containsString("aiko@example.jp"))))
			.andExpect(content().string(containsString("href=\"/customers/" + this.externalId + "\"")))
			.andExpect(content().string(containsString("SCENARIO 990001 / s2")));
		this.mvc
			.perform(get("/deliveries").param("hours", "168")
				.with(user("g").roles("MANAGER"))
				.header("Accept-Language", "ja"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("最近の失敗")))
			.andExpect(content().string(containsString("直近 168 時間")));
	}

	@Test
	void theCustomerPageShowsEveryMessageAndSkipWithItsReason() throws Exception {
		this.mvc
			.perform(get("/customers/{id}", this.externalId).with(user("a").roles("ANALYST"))
				.header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"timeline-table\"")))
			.andExpect(content().string(containsString("No opt-in for the channel (or opted out)")))
			.andExpect(content().string(containsString(masked(this.error))))
			.andExpect(content().string(containsString("Scenario 990001, step s1")));
		this.mvc.perform(get("/customers/{id}", this.externalId).with(user("m").roles("MARKETER")))
			.andExpect(content().string(containsString(html(this.error))));
		this.mvc.perform(get("/deliveries").with(user("m").roles("ADMIN")))
			.andExpect(content().string(containsString(html(this.error))));
		this.mvc
			.perform(get("/customers/{id}", this.externalId).with(user("a").roles("ANALYST"))
				.header("Accept-Language", "ja"))
			.andExpect(content().string(containsString("チャネルの配信同意がない")))
			.andExpect(content().string(containsString("送信済み")));
	}

	/** Providers quote the recipient: roles without PII see the address masked. */
	static String masked(String error) {
		return html(error.replace("aiko@example.jp", "a***@example.jp"));
	}

	static String html(String text) {
		return text.replace("<", "&lt;").replace(">", "&gt;");
	}

}
