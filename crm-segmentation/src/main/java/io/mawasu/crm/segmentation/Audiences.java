package io.mawasu.crm.segmentation;

import java.sql.ResultSet;
import java.util.Locale;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.mawasu.crm.segmentation.rule.CompiledRule;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ad audiences: the members of a saved segment (its rule, now) who have an ADS consent of
 * OPT_IN and are not blacklisted, with their normalised email and their phone in E.164 as
 * stored ({@code v_customer.phone_e164}). Members with neither identifier are left out.
 */
@Service
public class Audiences {

	private final Segments segments;

	private final JdbcClient streaming;

	Audiences(Segments segments, DataSource dataSource) {
		this.segments = segments;
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(2_000);
		this.streaming = JdbcClient.create(template);
	}

	/**
	 * Streams the segment's audience ordered by customer id to {@code sink}; false for an
	 * unknown segment.
	 */
	@Transactional(readOnly = true)
	public boolean export(long segmentId, Consumer<AudienceContact> sink) {
		SegmentDetail segment = this.segments.find(segmentId).orElse(null);
		if (segment == null) {
			return false;
		}
		CompiledRule rule = this.segments.compile(segment.rule());
		// the rule's FROM/WHERE come from the compiler's whitelist with bind parameters
		// only
		this.streaming.sql("select c.email, c.phone_e164 from " + rule.from() + "\nwhere (" + rule.where() + """
				)
				and not c.blacklisted
				and exists (select 1 from domain.v_consent_current k
					where k.customer_id = c.id and k.channel = 'ADS' and k.status = 'OPT_IN')
				order by c.id
				""").params(rule.parameters()).query((ResultSet rs) -> {
			String email = rs.getString(1);
			String e164 = rs.getString(2);
			String normalisedEmail = (email != null && !email.isBlank()) ? email.strip().toLowerCase(Locale.ROOT)
					: null;
			if (normalisedEmail != null || e164 != null) {
				sink.accept(new AudienceContact(normalisedEmail, e164));
			}
		});
		return true;
	}

}
