package io.mawasu.crm.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Counts of a source's messages by step and state, for the scenario page. */
@Service
public class DeliveryCounts {

	private final JdbcClient jdbc;

	DeliveryCounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Step key → message state (QUEUED, SENDING, SENT, FAILED, SUPPRESSED) → count. */
	@Transactional(readOnly = true)
	public Map<String, Map<String, Long>> stateCounts(String sourceType, long sourceId) {
		Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
		this.jdbc.sql("""
				select step_key, state, count(*) as n from delivery.message
				where source_type = :type and source_id = :source
				group by step_key, state order by step_key, state
				""").param("type", sourceType).param("source", sourceId).query((rs) -> {
			counts.computeIfAbsent(rs.getString("step_key"), (k) -> new LinkedHashMap<>())
				.put(rs.getString("state"), rs.getLong("n"));
		});
		return counts;
	}

}
