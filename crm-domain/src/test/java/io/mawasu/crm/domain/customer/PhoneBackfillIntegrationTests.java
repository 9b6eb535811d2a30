package io.mawasu.crm.domain.customer;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class PhoneBackfillIntegrationTests {

	@Autowired
	PhoneBackfill backfill;

	@Autowired
	JdbcClient jdbc;

	@Test
	void fillsRowsWrittenWithoutE164AcrossBatchesAndLeavesNonNumbersAlone() {
		String prefix = "pb" + UUID.randomUUID().toString().substring(0, 8) + "-";
		// more rows than one batch, so the walk has to continue past the first
		this.jdbc.sql("""
				insert into domain.customer (external_id, phone)
				select :prefix || g, '090-' || lpad((g % 10000)::text, 4, '0') || '-' || lpad((g / 10000)::text, 4, '0')
				from generate_series(1, :n) g
				""").param("prefix", prefix).param("n", PhoneBackfill.BATCH + 500).update();
		this.jdbc.sql("""
				insert into domain.customer (external_id, phone) values
				(:prefix || 'full', '０９０１２３４５６７８'), (:prefix || 'bad', 'ask at the counter'),
				(:prefix || 'none', null)
				""").param("prefix", prefix).update();

		assertThat(this.backfill.fill()).isGreaterThanOrEqualTo(PhoneBackfill.BATCH + 501);

		assertThat(e164(prefix + "full")).isEqualTo("+819012345678");
		assertThat(e164(prefix + "1")).isEqualTo("+819000010000");
		assertThat(e164(prefix + (PhoneBackfill.BATCH + 500))).isEqualTo("+819015000000");
		assertThat(e164(prefix + "bad")).isNull();
		assertThat(e164(prefix + "none")).isNull();
		assertThat(this.jdbc.sql("""
				select count(*) from domain.customer
				where external_id like :prefix || '%' and phone is not null and phone_e164 is null
				""").param("prefix", prefix).query(Long.class).single()).isEqualTo(1);
		assertThat(this.backfill.fill()).isZero();
	}

	private String e164(String externalId) {
		return this.jdbc.sql("select phone_e164 from domain.customer where external_id = :e")
			.param("e", externalId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

}
