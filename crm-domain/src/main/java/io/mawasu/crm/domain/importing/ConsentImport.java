package io.mawasu.crm.domain.importing;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.consent.ConsentStatus;
import io.mawasu.crm.domain.internal.CopyRows;
import io.mawasu.crm.domain.internal.CsvReader;
import io.mawasu.crm.domain.internal.CsvValues;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Consent changes per customer and channel. A change is applied only when it is newer
 * than the stored state; at the same time an OPT_OUT beats an OPT_IN, so an opt-out is
 * never undone by an older or simultaneous opt-in. A stored OPT_IN dated after the import
 * (written before future dates were refused) never blocks an OPT_OUT, and dates more than
 * a day ahead or before 1900 are rejected. Every applied change is kept in the history
 * with source {@code IMPORT} and the importing user.
 */
final class ConsentImport extends CsvImport {

	static final String SOURCE = "IMPORT";

	private int customer;

	private int channel;

	private int status;

	private int changedAt;

	private final Instant now;

	ConsentImport(ZoneId zone, Instant now) {
		super(zone, now);
		this.now = now;
	}

	@Override
	String name() {
		return "consents";
	}

	@Override
	List<String> required() {
		return List.of("customer_external_id", "channel", "status", "changed_at");
	}

	@Override
	void bind(Columns columns) {
		this.customer = columns.index("customer_external_id");
		this.channel = columns.index("channel");
		this.status = columns.index("status");
		this.changedAt = columns.index("changed_at");
	}

	@Override
	String createStage() {
		return """
				create temporary table import_consent_stage (
					line bigint not null,
					customer_external_id text collate "C" not null,
					channel text not null,
					status text not null,
					changed_at bigint not null
				) on commit drop
				""";
	}

	@Override
	String copy() {
		return "copy import_consent_stage from stdin";
	}

	@Override
	@Nullable RowError stage(CsvReader row, CopyRows copy) throws SQLException {
		String customerId = value(row, this.customer);
		if (customerId == null) {
			return required("customer_external_id");
		}
		RowError tooLong = tooLong("customer_external_id", customerId, MAX_TEXT);
		if (tooLong != null) {
			return tooLong;
		}
		String channelText = value(row, this.channel);
		if (channelText == null) {
			return required("channel");
		}
		Channel channelValue = parse(Channel.class, channelText);
		if (channelValue == null) {
			return RowError.of("channel", "import.reason.channel", channelText);
		}
		String statusText = value(row, this.status);
		if (statusText == null) {
			return required("status");
		}
		ConsentStatus statusValue = parse(ConsentStatus.class, statusText);
		if (statusValue == null) {
			return RowError.of("status", "import.reason.status", statusText);
		}
		String changedText = value(row, this.changedAt);
		if (changedText == null) {
			return required("changed_at");
		}
		long changed = CsvValues.epochMicros(changedText, this.zone);
		if (changed == CsvValues.INVALID) {
			return RowError.of("changed_at", "import.reason.dateTime", changedText);
		}
		RowError range = outOfRange("changed_at", changedText, changed);
		if (range != null) {
			return range;
		}
		copy.number(row.line())
			.text(customerId)
			.text(channelValue.name())
			.text(statusValue.name())
			.number(changed)
			.endRow();
		return null;
	}

	private static <E extends Enum<E>> @Nullable E parse(Class<E> type, String text) {
		try {
			return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	@Override
	Applied apply(JdbcClient jdbc, String actor, LineErrors rejections) {
		jdbc.sql("""
				create temporary table import_consent_valid on commit drop as
				select s.line, s.customer_external_id, c.id as customer_id, s.channel, s.status,
					timestamptz 'epoch' + s.changed_at * interval '1 microsecond' as changed_at
				from import_consent_stage s
				left join domain.customer c on c.external_id = s.customer_external_id
				""").update();
		addSqlRejections(jdbc, """
				select line, 'customer_external_id' as field,
					'import.reason.unknownCustomer' as code, array[customer_external_id] as args,
					count(*) over () as total
				from import_consent_valid
				where customer_id is null
				order by line
				limit :max
				""", rejections);
		jdbc.sql("""
				create temporary table import_consent_applied on commit drop as
				select distinct v.customer_id, v.channel, v.status, v.changed_at, (v.status = 'OPT_OUT') as opt_out
				from import_consent_valid v
				left join domain.consent c on c.customer_id = v.customer_id and c.channel = v.channel
				where v.customer_id is not null
					and (c.customer_id is null
						or (v.changed_at, v.status = 'OPT_OUT') > (c.changed_at, c.status = 'OPT_OUT')
						or (v.status = 'OPT_OUT' and c.status = 'OPT_IN' and c.changed_at > :now))
				""").param("now", Timestamp.from(this.now)).update();
		jdbc.sql("""
				insert into domain.consent_history (customer_id, channel, status, changed_at, source, actor)
				select customer_id, channel, status, changed_at, :source, :actor
				from import_consent_applied
				order by customer_id, channel, changed_at, opt_out
				""").param("source", SOURCE).param("actor", actor).update();
		return jdbc.sql("""
				with up as (
					insert into domain.consent as c (customer_id, channel, status, changed_at, source)
					select distinct on (customer_id, channel) customer_id, channel, status, changed_at, :source
					from import_consent_applied
					order by customer_id, channel, changed_at desc, opt_out desc
					on conflict (customer_id, channel) do update
					set status = excluded.status, changed_at = excluded.changed_at, source = excluded.source
					returning (c.xmax = 0) as inserted
				)
				select count(*) filter (where inserted) as inserted, count(*) filter (where not inserted) as updated
				from up
				""").param("source", SOURCE).query((rs, n) -> new Applied(rs.getLong(1), rs.getLong(2))).single();
	}

}
