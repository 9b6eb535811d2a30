package io.mawasu.crm.domain.customer;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Fills {@code domain.customer.phone_e164} of rows that have a phone but no E.164 form:
 * the rows written before the column existed, or by SQL that does not compute it (the
 * demo generator). A migration cannot call libphonenumber, so this walks them in id order
 * in batches, each batch one short statement pair. An update applies only while the row
 * still has the phone that was read and no E.164 form, so a concurrent import or edit is
 * never overwritten; a phone that is not a number stays without one. Interrupted, it
 * starts again from the lowest id and finds only the rows still left. Runs as a
 * db-scheduler task on one instance of a cluster ({@link PhoneBackfillTask}).
 */
@Service
public class PhoneBackfill {

	static final int BATCH = 1_000;

	private static final Logger logger = LoggerFactory.getLogger(PhoneBackfill.class);

	private final JdbcClient jdbc;

	PhoneBackfill(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Fills every row it can; returns how many it filled. */
	public long fill() {
		long cursor = 0;
		long filled = 0;
		long left = 0;
		while (true) {
			List<Row> batch = this.jdbc.sql("""
					select id, phone from domain.customer
					where phone is not null and phone_e164 is null and id > :cursor
					order by id limit :batch
					""").param("cursor", cursor).param("batch", BATCH).query(Row.class).list();
			if (batch.isEmpty()) {
				break;
			}
			List<Long> ids = new ArrayList<>(batch.size());
			List<String> phones = new ArrayList<>(batch.size());
			List<String> e164s = new ArrayList<>(batch.size());
			for (Row row : batch) {
				String e164 = PhoneNumbers.e164(row.phone()).orElse(null);
				if (e164 != null) {
					ids.add(row.id());
					phones.add(row.phone());
					e164s.add(e164);
				}
				else {
					left++;
				}
			}
			if (!ids.isEmpty()) {
				filled += this.jdbc.sql("""
						update domain.customer c set phone_e164 = u.e164, version = c.version + 1
						from unnest(cast(:ids as bigint[]), cast(:phones as text[]), cast(:e164s as text[]))
							as u (id, phone, e164)
						where c.id = u.id and c.phone = u.phone and c.phone_e164 is null
						""")
					.param("ids", ids.toArray(Long[]::new))
					.param("phones", phones.toArray(String[]::new))
					.param("e164s", e164s.toArray(String[]::new))
					.update();
			}
			cursor = batch.get(batch.size() - 1).id();
		}
		if (filled > 0 || left > 0) {
			logger.info("Phone backfill: {} customers given an E.164 phone, {} phones are not numbers", filled, left);
		}
		return filled;
	}

	record Row(long id, String phone) {
	}

}
