package io.mawasu.crm.domain.importing;

import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.mawasu.crm.domain.internal.CopyRows;
import io.mawasu.crm.domain.internal.CsvReader;
import io.mawasu.crm.domain.internal.CsvValues;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Orders by external id, each for a customer known by its external id. After the upsert
 * the summary of every customer whose orders changed is recomputed.
 */
final class OrderImport extends CsvImport {

	private final String currency;

	private int externalId;

	private int customer;

	private int orderedAt;

	private int amount;

	private int category;

	private int brand;

	private int quantity;

	private int listPrice;

	OrderImport(ZoneId zone, Instant now, String currency) {
		super(zone, now);
		this.currency = currency;
	}

	@Override
	String name() {
		return "orders";
	}

	@Override
	List<String> required() {
		return List.of("external_id", "customer_external_id", "ordered_at", "amount");
	}

	@Override
	void bind(Columns columns) {
		this.externalId = columns.index("external_id");
		this.customer = columns.index("customer_external_id");
		this.orderedAt = columns.index("ordered_at");
		this.amount = columns.index("amount");
		this.category = columns.index("category");
		this.brand = columns.index("brand");
		this.quantity = columns.index("quantity");
		this.listPrice = columns.index("list_price");
	}

	@Override
	String createStage() {
		return """
				create temporary table import_order_stage (
					line bigint not null,
					external_id text collate "C" not null,
					customer_external_id text collate "C" not null,
					ordered_at bigint not null,
					amount numeric(14, 2) not null,
					category text,
					brand text,
					quantity integer,
					list_price numeric(14, 2)
				) on commit drop
				""";
	}

	@Override
	String copy() {
		return "copy import_order_stage from stdin";
	}

	@Override
	@Nullable RowError stage(CsvReader row, CopyRows copy) throws SQLException {
		String id = value(row, this.externalId);
		if (id == null) {
			return required("external_id");
		}
		String customerId = value(row, this.customer);
		if (customerId == null) {
			return required("customer_external_id");
		}
		String orderedAtText = value(row, this.orderedAt);
		if (orderedAtText == null) {
			return required("ordered_at");
		}
		long micros = CsvValues.epochMicros(orderedAtText, this.zone);
		if (micros == CsvValues.INVALID) {
			return RowError.of("ordered_at", "import.reason.dateTime", orderedAtText);
		}
		RowError range = outOfRange("ordered_at", orderedAtText, micros);
		if (range != null) {
			return range;
		}
		String amountText = value(row, this.amount);
		if (amountText == null) {
			return required("amount");
		}
		String amountValue = CsvValues.decimal(amountText);
		if (amountValue == null) {
			return RowError.of("amount", "import.reason.amount", amountText);
		}
		String quantityText = value(row, this.quantity);
		Integer quantityValue = null;
		if (quantityText != null) {
			quantityValue = CsvValues.integer(quantityText);
			if (quantityValue == null) {
				return RowError.of("quantity", "import.reason.wholeNumber", quantityText);
			}
		}
		String listPriceText = value(row, this.listPrice);
		String listPriceValue = null;
		if (listPriceText != null) {
			listPriceValue = CsvValues.decimal(listPriceText);
			if (listPriceValue == null) {
				return RowError.of("list_price", "import.reason.amount", listPriceText);
			}
		}
		String categoryValue = value(row, this.category);
		String brandValue = value(row, this.brand);
		for (String[] text : new String[][] { { "external_id", id }, { "customer_external_id", customerId },
				{ "category", categoryValue }, { "brand", brandValue } }) {
			RowError tooLong = tooLong(text[0], text[1], MAX_TEXT);
			if (tooLong != null) {
				return tooLong;
			}
		}
		copy.number(row.line()).text(id).text(customerId).number(micros).text(amountValue);
		copy.text(categoryValue).text(brandValue);
		if (quantityValue != null) {
			copy.number(quantityValue);
		}
		else {
			copy.text(null);
		}
		copy.text(listPriceValue).endRow();
		return null;
	}

	@Override
	Applied apply(JdbcClient jdbc, String actor, LineErrors rejections) {
		jdbc.sql("""
				create temporary table import_order_valid on commit drop as
				select s.line, s.external_id, s.customer_external_id, c.id as customer_id,
					timestamptz 'epoch' + s.ordered_at * interval '1 microsecond' as ordered_at,
					s.amount, s.category, s.brand, s.quantity, s.list_price,
					row_number() over w as occurrence, min(s.line) over w as first_line
				from import_order_stage s
				left join domain.customer c on c.external_id = s.customer_external_id
				window w as (partition by s.external_id collate "C" order by s.line)
				""").update();
		addSqlRejections(jdbc, """
				select line,
					case when occurrence > 1 then 'external_id' else 'customer_external_id' end as field,
					case when occurrence > 1 then 'import.reason.duplicate' else 'import.reason.unknownCustomer' end
						as code,
					case when occurrence > 1 then array[external_id, first_line::text]
						else array[customer_external_id] end as args,
					count(*) over () as total
				from import_order_valid
				where occurrence > 1 or customer_id is null
				order by line
				limit :max
				""", rejections);
		jdbc.sql("create temporary table import_affected (customer_id bigint primary key) on commit drop").update();
		Applied applied = jdbc
			.sql("""
					with up as (
						insert into domain.orders as o
							(external_id, customer_id, ordered_at, amount, currency, category, brand, quantity, list_price)
						select external_id, customer_id, ordered_at, amount, :currency, category, brand, quantity, list_price
						from import_order_valid
						where occurrence = 1 and customer_id is not null
						on conflict (external_id) do update
						set customer_id = excluded.customer_id, ordered_at = excluded.ordered_at, amount = excluded.amount,
							currency = excluded.currency, category = excluded.category, brand = excluded.brand,
							quantity = excluded.quantity, list_price = excluded.list_price
						where (o.customer_id, o.ordered_at, o.amount, o.currency, o.category, o.brand, o.quantity, o.list_price)
							is distinct from (excluded.customer_id, excluded.ordered_at, excluded.amount, excluded.currency,
								excluded.category, excluded.brand, excluded.quantity, excluded.list_price)
						returning o.external_id, o.customer_id, (o.xmax = 0) as inserted
					),
					moved_from as (
						select o.customer_id
						from up join domain.orders o on o.external_id = up.external_id
						where not up.inserted and o.customer_id <> up.customer_id
					),
					affected as (
						insert into import_affected (customer_id)
						select customer_id from up union select customer_id from moved_from
					)
					select count(*) filter (where inserted) as inserted, count(*) filter (where not inserted) as updated
					from up
					""")
			.param("currency", this.currency)
			.query((rs, n) -> new Applied(rs.getLong(1), rs.getLong(2)))
			.single();
		refreshSummaries(jdbc);
		return applied;
	}

	/**
	 * Recomputes the behavioural summary of the customers whose orders this import
	 * changed. The second order is the second by time among all orders.
	 */
	static void refreshSummaries(JdbcClient jdbc) {
		jdbc.sql(
				"""
						insert into domain.customer_summary as cs (customer_id, first_ordered_at, last_ordered_at,
							last_positive_ordered_at, order_count, positive_order_count, total_spent, second_ordered_at, updated_at)
						select a.customer_id, min(o.ordered_at), max(o.ordered_at), max(o.ordered_at) filter (where o.amount > 0),
							count(o.id), count(o.id) filter (where o.amount > 0), coalesce(sum(o.amount), 0),
							(array_agg(o.ordered_at order by o.ordered_at, o.id))[2], now()
						from import_affected a
						left join domain.orders o on o.customer_id = a.customer_id
						group by a.customer_id
						on conflict (customer_id) do update
						set first_ordered_at = excluded.first_ordered_at, last_ordered_at = excluded.last_ordered_at,
							last_positive_ordered_at = excluded.last_positive_ordered_at, order_count = excluded.order_count,
							positive_order_count = excluded.positive_order_count, total_spent = excluded.total_spent,
							second_ordered_at = excluded.second_ordered_at, updated_at = excluded.updated_at
						where (cs.first_ordered_at, cs.last_ordered_at, cs.last_positive_ordered_at, cs.order_count,
								cs.positive_order_count, cs.total_spent, cs.second_ordered_at)
							is distinct from (excluded.first_ordered_at, excluded.last_ordered_at,
								excluded.last_positive_ordered_at, excluded.order_count, excluded.positive_order_count,
								excluded.total_spent, excluded.second_ordered_at)
						""")
			.update();
	}

}
