package io.mawasu.crm.web.imports;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mawasu.crm.web.CrmIntegrationTest;
import io.mawasu.crm.web.TestUsers;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@CrmIntegrationTest
class ImportApiIntegrationTests {

	static final Charset WINDOWS_31J = Charset.forName("Windows-31J");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAccounts accounts;

	String p;

	@BeforeEach
	void setUp() {
		TestUsers.ensure(this.accounts);
		this.p = "t" + UUID.randomUUID().toString().substring(0, 8) + "-";
	}

	ResultActions importCsv(String kind, String csv) throws Exception {
		return importBytes(kind, csv.getBytes(StandardCharsets.UTF_8), "text/csv");
	}

	ResultActions importBytes(String kind, byte[] body, String contentType) throws Exception {
		return this.mvc.perform(post("/api/import/" + kind).with(TestUsers.basic(Role.MARKETER))
			.contentType(contentType)
			.content(body));
	}

	Map<String, Object> customer(String externalId) {
		return this.jdbc.sql("""
				select name, email, gender, birth_date::text as birth_date, tags::text as tags, registered_at, version
				from domain.customer where external_id = :id
				""").param("id", externalId).query().singleRow();
	}

	long customers(String prefix) {
		return this.jdbc.sql("select count(*) from domain.customer where external_id like :p")
			.param("p", prefix + "%")
			.query(Long.class)
			.single();
	}

	@Test
	void customersGoodRowsAreStoredAndBadRowsRejectedWithTheirPhysicalLine() throws Exception {
		String csv = """
				external_id,email,phone,line_user_id,name,gender,birth_date,prefecture,city,tags,registered_at
				%1$s1,a@example.com,090-1111-2222,U1,山田花子,F,1990-04-01,東京都,渋谷区,vip; new ;vip,2026-01-15
				%1$s2,b@example.com,,,"Taro
				Suzuki, Jr.",M,1985/12/3,大阪府,大阪市,,2026-01-15T10:00:00+09:00
				%1$s3,c@example.com,,,Bad Gender,X,,,,,
				%1$s4,not-an-email,,,,,,,,,
				,d@example.com,,,No Id,,,,,,
				%1$s5,e@example.com,,,Bad Birth,F,1990-02-30,,,,
				%1$s6,f@example.com,,,Bad Registered,F,,,,,tomorrow
				%1$s1,dup@example.com,,,Duplicate,F,,,,,
				%1$s7,g@example.com,,,"too",many,fields,,,,,,,,
				""".formatted(this.p);
		importCsv("customers", csv).andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.inserted").value(2))
			.andExpect(jsonPath("$.updated").value(0))
			.andExpect(jsonPath("$.rejected").value(7))
			.andExpect(jsonPath("$.errors", hasSize(7)))
			.andExpect(jsonPath("$.errors[0].line").value(5))
			.andExpect(jsonPath("$.errors[0].field").value("gender"))
			.andExpect(jsonPath("$.errors[1].line").value(6))
			.andExpect(jsonPath("$.errors[1].field").value("email"))
			.andExpect(jsonPath("$.errors[2].line").value(7))
			.andExpect(jsonPath("$.errors[2].field").value("external_id"))
			.andExpect(jsonPath("$.errors[3].line").value(8))
			.andExpect(jsonPath("$.errors[3].field").value("birth_date"))
			.andExpect(jsonPath("$.errors[4].line").value(9))
			.andExpect(jsonPath("$.errors[4].field").value("registered_at"))
			.andExpect(jsonPath("$.errors[5].line").value(10))
			.andExpect(jsonPath("$.errors[5].field").value("external_id"))
			.andExpect(jsonPath("$.errors[5].message", containsString("line 2")))
			.andExpect(jsonPath("$.errors[6].line").value(11));
		Map<String, Object> first = customer(this.p + "1");
		assertThat(first).containsEntry("name", "山田花子")
			.containsEntry("email", "a@example.com")
			.containsEntry("gender", "F")
			.containsEntry("birth_date", "1990-04-01")
			.containsEntry("tags", "{vip,new}");
		assertThat(registeredAt(this.p + "1")).isEqualTo(Instant.parse("2026-01-14T15:00:00Z"));
		assertThat(customer(this.p + "2")).containsEntry("name", "Taro\nSuzuki, Jr.")
			.containsEntry("birth_date", "1985-12-03");
		assertThat(customers(this.p)).isEqualTo(2);
	}

	Instant registeredAt(String externalId) {
		return this.jdbc.sql("select registered_at from domain.customer where external_id = :id")
			.param("id", externalId)
			.query(OffsetDateTime.class)
			.single()
			.toInstant();
	}

	@Test
	void reimportingTheSameFileChangesNothingAndOnlyRealChangesCount() throws Exception {
		String csv = """
				external_id,name,tags
				%1$s1,Ann,a;b
				%1$s2,Ben,
				""".formatted(this.p);
		importCsv("customers", csv).andExpect(jsonPath("$.inserted").value(2));
		importCsv("customers", csv).andExpect(jsonPath("$.inserted").value(0))
			.andExpect(jsonPath("$.updated").value(0))
			.andExpect(jsonPath("$.rejected").value(0));
		importCsv("customers", csv.replace("Ben", "Benjamin")).andExpect(jsonPath("$.inserted").value(0))
			.andExpect(jsonPath("$.updated").value(1));
		assertThat(customer(this.p + "2")).containsEntry("name", "Benjamin").containsEntry("version", 1L);
		importCsv("customers", "external_id,email\n%s1,ann@example.com\n".formatted(this.p))
			.andExpect(jsonPath("$.updated").value(1));
		assertThat(customer(this.p + "1")).containsEntry("name", "Ann").containsEntry("tags", "{a,b}");
	}

	@Test
	void ordersAreStoredByExternalIdAndTheCustomerSummaryFollows() throws Exception {
		importCsv("customers", "external_id\n%1$sc1\n%1$sc2\n".formatted(this.p)).andExpect(status().isOk());
		String orders = """
				external_id,customer_external_id,ordered_at,amount,category,brand,quantity,list_price
				%1$so1,%1$sc1,2026-01-10,1000,food,acme,2,1200
				%1$so2,%1$sc1,2026/02/01 10:30,2500.50,,,,
				%1$so3,%1$sc1,2026-03-01T09:00:00+09:00,-500,,,,
				%1$so4,%1$scX,2026-03-01,100,,,,
				%1$so5,%1$sc2,2026-13-01,100,,,,
				%1$so6,%1$sc2,2026-03-01,1 000,,,,
				%1$so7,%1$sc2,2026-03-01,100,,,two,
				%1$so1,%1$sc2,2026-03-01,100,,,,
				%1$so8,%1$sc2,2026-03-05,300,,,,
				""".formatted(this.p);
		importCsv("orders", orders).andExpect(status().isOk())
			.andExpect(jsonPath("$.inserted").value(4))
			.andExpect(jsonPath("$.updated").value(0))
			.andExpect(jsonPath("$.rejected").value(5))
			.andExpect(jsonPath("$.errors[0].line").value(5))
			.andExpect(jsonPath("$.errors[0].field").value("customer_external_id"))
			.andExpect(jsonPath("$.errors[1].line").value(6))
			.andExpect(jsonPath("$.errors[1].field").value("ordered_at"))
			.andExpect(jsonPath("$.errors[2].line").value(7))
			.andExpect(jsonPath("$.errors[2].field").value("amount"))
			.andExpect(jsonPath("$.errors[3].line").value(8))
			.andExpect(jsonPath("$.errors[3].field").value("quantity"))
			.andExpect(jsonPath("$.errors[4].line").value(9))
			.andExpect(jsonPath("$.errors[4].field").value("external_id"));
		Map<String, Object> summary = summary(this.p + "c1");
		assertThat(summary).containsEntry("order_count", 3)
			.containsEntry("positive_order_count", 2)
			.containsEntry("total_spent", "3000.50")
			.containsEntry("first_ordered_at", "2026-01-09 15:00:00+00")
			.containsEntry("second_ordered_at", "2026-02-01 01:30:00+00")
			.containsEntry("last_ordered_at", "2026-03-01 00:00:00+00")
			.containsEntry("last_positive_ordered_at", "2026-02-01 01:30:00+00");
		importCsv("orders", orders).andExpect(jsonPath("$.inserted").value(0))
			.andExpect(jsonPath("$.updated").value(0))
			.andExpect(jsonPath("$.rejected").value(5));
		importCsv("orders",
				"external_id,customer_external_id,ordered_at,amount\n%1$so1,%1$sc2,2026-03-10,700\n".formatted(this.p))
			.andExpect(jsonPath("$.updated").value(1));
		assertThat(summary(this.p + "c1")).containsEntry("order_count", 2).containsEntry("total_spent", "2000.50");
		assertThat(summary(this.p + "c2")).containsEntry("order_count", 2)
			.containsEntry("total_spent", "1000.00")
			.containsEntry("last_ordered_at", "2026-03-09 15:00:00+00");
	}

	Map<String, Object> summary(String customer) {
		return this.jdbc.sql("""
				select s.order_count, s.positive_order_count, s.total_spent::text as total_spent,
					to_char(s.first_ordered_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS+00') as first_ordered_at,
					to_char(s.second_ordered_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS+00') as second_ordered_at,
					to_char(s.last_ordered_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS+00') as last_ordered_at,
					to_char(s.last_positive_ordered_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS+00')
						as last_positive_ordered_at
				from domain.customer_summary s join domain.customer c on c.id = s.customer_id
				where c.external_id = :id
				""").param("id", customer).query().singleRow();
	}

	@Test
	void anOptOutIsNeverOverwrittenByAnOlderOptInAndEveryChangeIsInTheHistory() throws Exception {
		importCsv("customers", "external_id\n%1$sc1\n".formatted(this.p)).andExpect(status().isOk());
		importCsv("consents", """
				customer_external_id,channel,status,changed_at
				%1$sc1,EMAIL,OPT_IN,2026-01-01T10:00:00+09:00
				%1$sc1,LINE,OPT_IN,2026-01-01
				%1$sc1,SMS,SMS_PLEASE,2026-01-01
				%1$sc1,FAX,OPT_IN,2026-01-01
				%1$scX,EMAIL,OPT_IN,2026-01-01
				""".formatted(this.p)).andExpect(jsonPath("$.inserted").value(2))
			.andExpect(jsonPath("$.rejected").value(3))
			.andExpect(jsonPath("$.errors[0].field").value("status"))
			.andExpect(jsonPath("$.errors[1].field").value("channel"))
			.andExpect(jsonPath("$.errors[2].line").value(6))
			.andExpect(jsonPath("$.errors[2].field").value("customer_external_id"));
		importCsv("consents", """
				customer_external_id,channel,status,changed_at
				%1$sc1,EMAIL,OPT_OUT,2026-02-01
				""".formatted(this.p)).andExpect(jsonPath("$.updated").value(1));
		String olderOptIn = """
				customer_external_id,channel,status,changed_at
				%1$sc1,EMAIL,OPT_IN,2026-01-15
				%1$sc1,EMAIL,OPT_IN,2026-02-01
				""".formatted(this.p);
		importCsv("consents", olderOptIn).andExpect(jsonPath("$.inserted").value(0))
			.andExpect(jsonPath("$.updated").value(0));
		assertThat(consent("EMAIL")).isEqualTo("OPT_OUT");
		importCsv("consents", """
				customer_external_id,channel,status,changed_at
				%1$sc1,LINE,OPT_IN,2026-03-01
				%1$sc1,LINE,OPT_OUT,2026-03-01
				""".formatted(this.p)).andExpect(jsonPath("$.updated").value(1));
		assertThat(consent("LINE")).isEqualTo("OPT_OUT");
		List<String> history = this.jdbc.sql("""
				select h.channel || ':' || h.status || ':' || h.source || ':' || h.actor
				from domain.consent_history h join domain.customer c on c.id = h.customer_id
				where c.external_id = :id order by h.id
				""").param("id", this.p + "c1").query(String.class).list();
		assertThat(history).containsExactly("EMAIL:OPT_IN:IMPORT:marketer", "LINE:OPT_IN:IMPORT:marketer",
				"EMAIL:OPT_OUT:IMPORT:marketer", "LINE:OPT_IN:IMPORT:marketer", "LINE:OPT_OUT:IMPORT:marketer");
		importCsv("consents", olderOptIn).andExpect(jsonPath("$.updated").value(0));
	}

	@Test
	void aFutureDatedOptInIsRejectedAndAStoredOneNeverBlocksAnOptOutDatedToday() throws Exception {
		importCsv("customers", "external_id\n%1$sc1\n".formatted(this.p)).andExpect(status().isOk());
		String today = LocalDate.now(ZoneId.of("Asia/Tokyo")).toString();
		importCsv("consents", """
				customer_external_id,channel,status,changed_at
				%1$sc1,EMAIL,OPT_IN,2099-01-01
				%1$sc1,LINE,OPT_IN,1899-12-31
				%1$sc1,SMS,OPT_IN,%2$s
				""".formatted(this.p, today)).andExpect(status().isOk())
			.andExpect(jsonPath("$.inserted").value(1))
			.andExpect(jsonPath("$.rejected").value(2))
			.andExpect(jsonPath("$.errors[0].line").value(2))
			.andExpect(jsonPath("$.errors[0].field").value("changed_at"))
			.andExpect(jsonPath("$.errors[0].message", containsString("in the future")))
			.andExpect(jsonPath("$.errors[1].line").value(3))
			.andExpect(jsonPath("$.errors[1].field").value("changed_at"))
			.andExpect(jsonPath("$.errors[1].message", containsString("before 1900-01-01")));
		// a row stored before future dates were refused
		this.jdbc.sql("""
				insert into domain.consent (customer_id, channel, status, changed_at, source)
				select id, 'EMAIL', 'OPT_IN', timestamptz '2099-01-01 00:00+09', 'IMPORT' from domain.customer
				where external_id = :id
				""").param("id", this.p + "c1").update();
		importCsv("consents", """
				customer_external_id,channel,status,changed_at
				%1$sc1,EMAIL,OPT_OUT,%2$s
				""".formatted(this.p, today)).andExpect(jsonPath("$.updated").value(1));
		assertThat(consent("EMAIL")).isEqualTo("OPT_OUT");
		// and an opt-in dated today does not undo the opt-out
		importCsv("consents", """
				customer_external_id,channel,status,changed_at
				%1$sc1,EMAIL,OPT_IN,%2$s
				""".formatted(this.p, today)).andExpect(jsonPath("$.updated").value(0));
		assertThat(consent("EMAIL")).isEqualTo("OPT_OUT");
	}

	@Test
	void absurdDatesAndOverlongValuesAreLineErrors() throws Exception {
		String longName = "名".repeat(201);
		String longEmail = "a".repeat(250) + "@example.com";
		importCsv("customers", """
				external_id,email,name,birth_date,registered_at
				%1$s1,,,2990-01-01,
				%1$s2,,,1899-12-31,
				%1$s3,,,,9999-12-31
				%1$s4,,%2$s,,
				%1$s5,%3$s,,,
				%1$s6,ok@example.com,名前,1990-04-01,2026-01-15
				""".formatted(this.p, longName, longEmail)).andExpect(status().isOk())
			.andExpect(jsonPath("$.inserted").value(1))
			.andExpect(jsonPath("$.rejected").value(5))
			.andExpect(jsonPath("$.errors[0].line").value(2))
			.andExpect(jsonPath("$.errors[0].field").value("birth_date"))
			.andExpect(jsonPath("$.errors[0].message", containsString("in the future")))
			.andExpect(jsonPath("$.errors[1].field").value("birth_date"))
			.andExpect(jsonPath("$.errors[2].field").value("registered_at"))
			.andExpect(jsonPath("$.errors[3].line").value(5))
			.andExpect(jsonPath("$.errors[3].field").value("name"))
			.andExpect(jsonPath("$.errors[3].message", containsString("at most 200")))
			.andExpect(jsonPath("$.errors[4].field").value("email"))
			.andExpect(jsonPath("$.errors[4].message", containsString("at most 254")));
		importCsv("orders", """
				external_id,customer_external_id,ordered_at,amount,category
				%1$so1,%1$s6,9999-12-31,100,
				%1$so2,%1$s6,2026-01-15,100,%2$s
				%1$so3,%1$s6,2026-01-15,100,
				""".formatted(this.p, "c".repeat(201))).andExpect(status().isOk())
			.andExpect(jsonPath("$.inserted").value(1))
			.andExpect(jsonPath("$.errors[0].line").value(2))
			.andExpect(jsonPath("$.errors[0].field").value("ordered_at"))
			.andExpect(jsonPath("$.errors[0].message", containsString("in the future")))
			.andExpect(jsonPath("$.errors[1].line").value(3))
			.andExpect(jsonPath("$.errors[1].field").value("category"));
	}

	String consent(String channel) {
		return this.jdbc.sql("""
				select k.status from domain.consent k join domain.customer c on c.id = k.customer_id
				where c.external_id = :id and k.channel = :channel
				""").param("id", this.p + "c1").param("channel", channel).query(String.class).single();
	}

	@Test
	void brokenQuotingIsA400AndStoresNothing() throws Exception {
		importCsv("customers", "external_id,name\n%1$s1,Ann\n%1$s2,\"Ben\n%1$s3,Cy\n".formatted(this.p))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("Line 3")));
		assertThat(customers(this.p)).isZero();
	}

	@Test
	void missingRequiredColumnOrEmptyOrBinaryFileIsA400() throws Exception {
		importCsv("orders", "external_id,customer_external_id,amount\n%1$so1,%1$sc1,100\n".formatted(this.p))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("ordered_at")));
		importCsv("customers", "").andExpect(status().isBadRequest());
		importBytes("customers", new byte[] { 'e', 'x', 't', 0, 1, 2, (byte) 0xFF, 0, 9 }, "text/csv")
			.andExpect(status().isBadRequest());
		importBytes("customers", ("external_id,name\n" + this.p + "1,x\n").getBytes(StandardCharsets.UTF_8),
				"text/csv; charset=no-such-charset")
			.andExpect(status().isBadRequest());
		assertThat(customers(this.p)).isZero();
	}

	@Test
	void shiftJisWithAndWithoutCharsetAndUtf8WithBom() throws Exception {
		String csv = "external_id,name,prefecture\n%1$s1,髙橋①～花子,東京都\n".formatted(this.p);
		importBytes("customers", csv.getBytes(WINDOWS_31J), "text/csv; charset=Shift_JIS")
			.andExpect(jsonPath("$.inserted").value(1));
		assertThat(customer(this.p + "1")).containsEntry("name", "髙橋①～花子");
		importBytes("customers", csv.replace("花子", "次郎").getBytes(WINDOWS_31J), "text/csv")
			.andExpect(jsonPath("$.updated").value(1));
		assertThat(customer(this.p + "1")).containsEntry("name", "髙橋①～次郎");
		importBytes("customers", csv.getBytes(WINDOWS_31J), "text/csv; charset=Windows-31J")
			.andExpect(jsonPath("$.updated").value(1));
		byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
		byte[] utf8 = "external_id,name\n%1$s2,佐藤\n".formatted(this.p).getBytes(StandardCharsets.UTF_8);
		byte[] withBom = new byte[bom.length + utf8.length];
		System.arraycopy(bom, 0, withBom, 0, bom.length);
		System.arraycopy(utf8, 0, withBom, bom.length, utf8.length);
		importBytes("customers", withBom, "text/csv; charset=UTF-8").andExpect(jsonPath("$.inserted").value(1));
		importBytes("customers", withBom, "text/csv").andExpect(jsonPath("$.inserted").value(0))
			.andExpect(jsonPath("$.updated").value(0));
		assertThat(customer(this.p + "2")).containsEntry("name", "佐藤");
	}

	@Test
	void multipartUploadWithThePartFile() throws Exception {
		MockMultipartFile file = new MockMultipartFile("file", "customers.csv", "text/csv; charset=Shift_JIS",
				"external_id,name\n%1$s1,鈴木\n".formatted(this.p).getBytes(WINDOWS_31J));
		this.mvc.perform(multipart("/api/import/customers").file(file).with(TestUsers.basic(Role.MARKETER)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.inserted").value(1));
		assertThat(customer(this.p + "1")).containsEntry("name", "鈴木");
		String audit = this.jdbc
			.sql("select target from web.audit_log where action = 'IMPORT_CUSTOMERS' order by id desc limit 1")
			.query(String.class)
			.single();
		assertThat(audit).isEqualTo("customers.csv: inserted=1, updated=0, rejected=0");
	}

	@Test
	void importsNeedAnImportingRole() throws Exception {
		byte[] csv = "external_id\n%1$s1\n".formatted(this.p).getBytes(StandardCharsets.UTF_8);
		this.mvc.perform(post("/api/import/customers").contentType("text/csv").content(csv))
			.andExpect(status().isUnauthorized());
		for (Role role : List.of(Role.ANALYST, Role.MANAGER, Role.CONTENT_EDITOR)) {
			for (String kind : List.of("customers", "orders", "consents")) {
				this.mvc.perform(
						post("/api/import/" + kind).with(TestUsers.basic(role)).contentType("text/csv").content(csv))
					.andExpect(status().isForbidden());
			}
		}
		assertThat(customers(this.p)).isZero();
	}

	@Test
	void errorsAreCappedButAllRejectionsCounted() throws Exception {
		StringBuilder csv = new StringBuilder("external_id,customer_external_id,ordered_at,amount\n");
		for (int i = 0; i < 1200; i++) {
			csv.append(this.p)
				.append("o")
				.append(i)
				.append(',')
				.append(this.p)
				.append("nobody,2026-01-01,")
				.append((i % 2 == 0) ? "x" : "1")
				.append('\n');
		}
		importCsv("orders", csv.toString()).andExpect(jsonPath("$.rejected").value(1200))
			.andExpect(jsonPath("$.errors", hasSize(1000)))
			.andExpect(jsonPath("$.errors[0].line").value(2))
			.andExpect(jsonPath("$.errors[0].field").value("amount"))
			.andExpect(jsonPath("$.errors[1].line").value(3))
			.andExpect(jsonPath("$.errors[1].field").value("customer_external_id"))
			.andExpect(jsonPath("$.errors[999].line").value(1001));
	}

}
