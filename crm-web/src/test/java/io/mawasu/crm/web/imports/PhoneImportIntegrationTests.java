package io.mawasu.crm.web.imports;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.consent.ConsentStatus;
import io.mawasu.crm.domain.consent.Consents;
import io.mawasu.crm.web.CrmIntegrationTest;
import io.mawasu.crm.web.TestUsers;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Phones through the real entry points: the customer import stores them in E.164 (a phone
 * that is not a number is kept, with a warning), the SMS webhook finds customers by the
 * sender's number in E.164, and the backfill task fills rows written without it. Line
 * errors are worded in the request's language.
 */
@CrmIntegrationTest
class PhoneImportIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Consents consents;

	@Autowired
	SchedulerClient scheduler;

	String p;

	@BeforeEach
	void setUp() {
		TestUsers.ensure(this.accounts);
		this.p = "ph" + UUID.randomUUID().toString().substring(0, 8) + "-";
	}

	ResultActions importCsv(String kind, String csv, String language) throws Exception {
		return this.mvc.perform(post("/api/import/" + kind).with(TestUsers.basic(Role.MARKETER))
			.header("Accept-Language", language)
			.contentType("text/csv")
			.content(csv.getBytes(StandardCharsets.UTF_8)));
	}

	@Nullable String e164(String externalId) {
		return this.jdbc.sql("select phone_e164 from domain.customer where external_id = :e")
			.param("e", externalId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	@Test
	void phonesAreStoredInE164AndOneThatIsNotANumberIsKeptWithAWarning() throws Exception {
		String csv = """
				external_id,name,phone
				%1$sa,A,090-1234-5678
				%1$sb,B,+81 90 1234 5678
				%1$sc,C,０９０１２３４５６７８
				%1$sd,D,call the shop
				""".formatted(this.p);
		importCsv("customers", csv, "en").andExpect(status().isOk())
			.andExpect(jsonPath("$.inserted").value(4))
			.andExpect(jsonPath("$.rejected").value(0))
			.andExpect(jsonPath("$.errors", hasSize(0)))
			.andExpect(jsonPath("$.warnings", hasSize(1)))
			.andExpect(jsonPath("$.warnings[0].line").value(5))
			.andExpect(jsonPath("$.warnings[0].field").value("phone"))
			.andExpect(jsonPath("$.warnings[0].message")
				.value("'call the shop' is not a phone number; the customer is stored without an SMS address"));
		assertThat(e164(this.p + "a")).isEqualTo("+819012345678");
		assertThat(e164(this.p + "b")).isEqualTo("+819012345678");
		assertThat(e164(this.p + "c")).isEqualTo("+819012345678");
		assertThat(e164(this.p + "d")).isNull();
		assertThat(this.jdbc.sql("select phone from domain.customer where external_id = :e")
			.param("e", this.p + "d")
			.query(String.class)
			.single()).isEqualTo("call the shop");

		// the same file again changes nothing; a new phone replaces both forms
		importCsv("customers", csv, "en").andExpect(jsonPath("$.updated").value(0));
		importCsv("customers", "external_id,phone\n" + this.p + "d,03-1234-5678\n", "ja")
			.andExpect(jsonPath("$.updated").value(1))
			.andExpect(jsonPath("$.warnings", hasSize(0)));
		assertThat(e164(this.p + "d")).isEqualTo("+81312345678");
	}

	@Test
	void lineErrorsAndWarningsFollowTheRequestsLanguage() throws Exception {
		String csv = """
				external_id,gender,phone
				%1$sx,Z,090-1234-5678
				%1$sy,F,not a phone
				%1$sy,F,
				""".formatted(this.p);
		importCsv("customers", csv, "en").andExpect(status().isOk())
			.andExpect(jsonPath("$.rejected").value(2))
			.andExpect(jsonPath("$.errors[0].line").value(2))
			.andExpect(jsonPath("$.errors[0].field").value("gender"))
			.andExpect(jsonPath("$.errors[0].message").value("'Z' is not a gender; use F, M or O"))
			.andExpect(jsonPath("$.errors[1].line").value(4))
			.andExpect(jsonPath("$.errors[1].field").value("external_id"))
			.andExpect(jsonPath("$.errors[1].message")
				.value("external_id " + this.p + "y appears again in this file (first on line 3)"))
			.andExpect(jsonPath("$.warnings[0].message")
				.value("'not a phone' is not a phone number; the customer is stored without an SMS address"));
		importCsv("customers", csv, "ja").andExpect(status().isOk())
			.andExpect(jsonPath("$.rejected").value(2))
			.andExpect(jsonPath("$.errors[0].line").value(2))
			.andExpect(jsonPath("$.errors[0].field").value("gender"))
			.andExpect(jsonPath("$.errors[0].message").value("「Z」は性別ではありません。F、M、O のいずれかを指定してください"))
			.andExpect(jsonPath("$.errors[1].message").value("external_id " + this.p + "y がこのファイル内で重複しています（最初は 3 行目）"))
			.andExpect(jsonPath("$.warnings[0].message").value("「not a phone」は電話番号ではありません。SMS の宛先なしで顧客を登録しました"));
	}

	@Test
	void anSmsStopFromTheE164NumberOptsOutTheCustomerImportedWithItsNationalForm() throws Exception {
		String national = "090-" + (1000 + ThreadLocalRandom.current().nextInt(9000)) + "-"
				+ (1000 + ThreadLocalRandom.current().nextInt(9000));
		String from = "+81" + national.replace("-", "").substring(1);
		importCsv("customers", "external_id,phone\n" + this.p + "s," + national + "\n", "en")
			.andExpect(jsonPath("$.inserted").value(1));
		importCsv("consents",
				"customer_external_id,channel,status,changed_at\n" + this.p + "s,SMS,OPT_IN,2026-01-01T00:00:00Z\n",
				"en")
			.andExpect(jsonPath("$.inserted").value(1));
		long customer = this.jdbc.sql("select id from domain.customer where external_id = :e")
			.param("e", this.p + "s")
			.query(Long.class)
			.single();
		assertThat(this.consents.status(customer, Channel.SMS)).contains(ConsentStatus.OPT_IN);

		String signed = "http://localhost:8080/webhooks/sms" + "Body" + "STOP" + "From" + from;
		this.mvc
			.perform(post("/webhooks/sms").param("From", from)
				.param("Body", "STOP")
				.header("X-Twilio-Signature", sign(signed)))
			.andExpect(status().isOk());
		assertThat(this.consents.status(customer, Channel.SMS)).contains(ConsentStatus.OPT_OUT);
	}

	@Test
	void theBackfillTaskFillsARowWrittenWithoutE164() throws Exception {
		this.jdbc.sql("insert into domain.customer (external_id, phone) values (:e, '080-2345-6789')")
			.param("e", this.p + "old")
			.update();
		assertThat(e164(this.p + "old")).isNull();
		this.scheduler.reschedule(TaskInstanceId.of("phone-e164-backfill", RecurringTask.INSTANCE), Instant.now());
		Instant until = Instant.now().plus(Duration.ofSeconds(60));
		while (e164(this.p + "old") == null && Instant.now().isBefore(until)) {
			Thread.sleep(200);
		}
		assertThat(e164(this.p + "old")).isEqualTo("+818023456789");
	}

	static String sign(String signed) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA1");
		mac.init(new SecretKeySpec("test-sms-auth-token".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
		return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
	}

}
