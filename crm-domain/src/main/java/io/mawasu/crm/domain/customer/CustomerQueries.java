package io.mawasu.crm.domain.customer;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.consent.ConsentStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The read side of customers: the searchable list and the customer page. Built to stay
 * interactive at a million customers: the list never counts the filtered rows (it reads
 * one row more than a page to know whether another follows), and the "contains" search
 * uses the pg_trgm indexes on name, email and external id.
 */
@Service
@Transactional(readOnly = true)
public class CustomerQueries {

	/** How many of a customer's newest orders {@link #detail(String)} returns. */
	public static final int LATEST_ORDERS = 50;

	/** The largest page {@link #search(CustomerSearch, int, int)} returns. */
	public static final int MAX_PAGE_SIZE = 200;

	/**
	 * Below this many customers the unfiltered list shows an exact count; above it
	 * PostgreSQL's estimate ({@code pg_class.reltuples}).
	 */
	static final int EXACT_COUNT_LIMIT = 10_000;

	private final JdbcClient jdbc;

	CustomerQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One page of the customers matching the search, newest (highest id) first, with
	 * their order count, total spent and last order from the purchase summary. The total
	 * is given only for the unfiltered list.
	 * @param page zero-based page number
	 * @param size page size, 1 to {@link #MAX_PAGE_SIZE}
	 */
	public CustomerPage search(CustomerSearch search, int page, int size) {
		int pageSize = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
		int pageNumber = Math.max(0, page);
		// The page is cut from the customers alone, so rows skipped by the offset are
		// never
		// joined to their summary.
		StringBuilder sql = new StringBuilder("""
				select c.external_id, c.name, c.email, c.phone, c.prefecture, c.gender, c.tags,
					coalesce(s.order_count, 0) as order_count, coalesce(s.total_spent, 0) as total_spent,
					s.last_ordered_at
				from (
					select c.id, c.external_id, c.name, c.email, c.phone, c.prefecture, c.gender, c.tags
					from domain.customer c
					where true
				""");
		Map<String, Object> params = new HashMap<>();
		if (search.query() != null) {
			sql.append(search.contacts()
					? " and (c.name ilike :pattern or c.email ilike :pattern or c.external_id ilike :pattern)"
					: " and (c.name ilike :pattern or c.external_id ilike :pattern)");
			params.put("pattern", containsPattern(search.query()));
		}
		if (search.prefecture() != null) {
			sql.append(" and c.prefecture = :prefecture");
			params.put("prefecture", search.prefecture());
		}
		if (search.gender() != null) {
			sql.append(" and c.gender = :gender");
			params.put("gender", search.gender().name());
		}
		if (search.tag() != null) {
			sql.append(" and c.tags @> array[cast(:tag as text)]");
			params.put("tag", search.tag());
		}
		sql.append("""
					order by c.id desc limit :limit offset :offset
				) c
				left join domain.customer_summary s on s.customer_id = c.id
				order by c.id desc
				""");
		params.put("limit", pageSize + 1);
		params.put("offset", (long) pageNumber * pageSize);
		// A generic plan of a prepared statement would estimate every search text alike
		// and may
		// walk the primary key past a million rows for a rare one; plan each search
		// afresh.
		this.jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
		List<CustomerRow> rows = this.jdbc.sql(sql.toString()).params(params).query(this::row).list();
		boolean hasNext = rows.size() > pageSize;
		List<CustomerRow> pageRows = hasNext ? rows.subList(0, pageSize) : rows;
		Long total = null;
		boolean exact = false;
		if (!search.isFiltered()) {
			long counted = boundedCount();
			exact = counted <= EXACT_COUNT_LIMIT;
			total = exact ? counted : Math.max(counted, estimatedCount());
		}
		return new CustomerPage(List.copyOf(pageRows), pageNumber, pageSize, hasNext, total, exact);
	}

	/**
	 * The prefectures customers live in, in JIS order ({@link Prefecture}). Reads the
	 * prefecture index one distinct value at a time (a loose index scan) instead of
	 * scanning every customer.
	 */
	public List<String> prefectures() {
		return this.jdbc.sql("""
				with recursive p (prefecture) as (
					(select prefecture from domain.customer where prefecture is not null order by prefecture limit 1)
					union all
					select (select c.prefecture from domain.customer c where c.prefecture > p.prefecture
							order by c.prefecture limit 1)
					from p where p.prefecture is not null
				)
				select prefecture from p where prefecture is not null
				""").query(String.class).list().stream().sorted(Prefecture.BY_JIS_ORDER).toList();
	}

	/**
	 * The tags customers carry, sorted, at most {@code limit} of them (for choosing a tag
	 * in a segment rule).
	 */
	public List<String> tagsInUse(int limit) {
		return this.jdbc.sql("""
				select tag from (select distinct unnest(tags) as tag from domain.customer) t
				where tag <> '' order by tag limit :limit
				""").param("limit", limit).query(String.class).list();
	}

	/**
	 * The customer with this external id: attributes, current consent per channel,
	 * consent history (newest first), purchase summary and the newest
	 * {@value #LATEST_ORDERS} orders.
	 */
	public Optional<CustomerDetail> detail(String externalId) {
		Optional<Attributes> found = this.jdbc.sql("""
				select c.id, c.external_id, c.name, c.email, c.phone, c.line_user_id, c.gender, c.birth_date,
					c.prefecture, c.city, c.tags, c.registered_at, c.blacklisted,
					coalesce(s.order_count, 0) as order_count, coalesce(s.total_spent, 0) as total_spent,
					s.last_ordered_at
				from domain.customer c
				left join domain.customer_summary s on s.customer_id = c.id
				where c.external_id = :externalId
				""").param("externalId", externalId).query(this::attributes).optional();
		return found.map(this::complete);
	}

	private CustomerDetail complete(Attributes a) {
		Map<Channel, ConsentStatus> consents = new EnumMap<>(Channel.class);
		this.jdbc.sql("select channel, status from domain.consent where customer_id = :id")
			.param("id", a.id())
			.query((rs, n) -> Map.entry(Channel.valueOf(rs.getString("channel")),
					ConsentStatus.valueOf(rs.getString("status"))))
			.list()
			.forEach((consent) -> consents.put(consent.getKey(), consent.getValue()));
		List<CustomerDetail.ConsentChange> history = this.jdbc.sql("""
				select channel, status, changed_at, source, actor
				from domain.consent_history
				where customer_id = :id
				order by changed_at desc, id desc
				""")
			.param("id", a.id())
			.query((rs, n) -> new CustomerDetail.ConsentChange(Channel.valueOf(rs.getString("channel")),
					ConsentStatus.valueOf(rs.getString("status")), instant(rs, "changed_at"), rs.getString("source"),
					rs.getString("actor")))
			.list();
		List<CustomerDetail.CustomerOrder> orders = this.jdbc.sql("""
				select external_id, ordered_at, amount, currency, category, brand, quantity
				from domain.orders
				where customer_id = :id
				order by ordered_at desc, id desc
				limit :limit
				""")
			.param("id", a.id())
			.param("limit", LATEST_ORDERS)
			.query((rs, n) -> new CustomerDetail.CustomerOrder(rs.getString("external_id"), instant(rs, "ordered_at"),
					rs.getBigDecimal("amount"), rs.getString("currency").strip(), rs.getString("category"),
					rs.getString("brand"), rs.getObject("quantity", Integer.class)))
			.list();
		return new CustomerDetail(a.externalId(), a.name(), a.email(), a.phone(), a.lineUserId(), a.gender(),
				a.birthDate(), a.prefecture(), a.city(), a.tags(), a.registeredAt(), a.blacklisted(), consents, history,
				a.orderCount(), a.totalSpent(), a.lastOrderedAt(), orders);
	}

	private long boundedCount() {
		return this.jdbc
			.sql("select count(*) from (select 1 from domain.customer limit " + (EXACT_COUNT_LIMIT + 1) + ") c")
			.query(Long.class)
			.single();
	}

	private long estimatedCount() {
		// reltuples is -1 until the table has been analysed once.
		return this.jdbc
			.sql("select greatest(reltuples, 0)::bigint from pg_class where oid = 'domain.customer'::regclass")
			.query(Long.class)
			.single();
	}

	private CustomerRow row(ResultSet rs, int rowNum) throws SQLException {
		return new CustomerRow(rs.getString("external_id"), rs.getString("name"), rs.getString("email"),
				rs.getString("phone"), rs.getString("prefecture"), gender(rs), tags(rs), rs.getLong("order_count"),
				rs.getBigDecimal("total_spent"), nullableInstant(rs, "last_ordered_at"));
	}

	private Attributes attributes(ResultSet rs, int rowNum) throws SQLException {
		return new Attributes(rs.getLong("id"), rs.getString("external_id"), rs.getString("name"),
				rs.getString("email"), rs.getString("phone"), rs.getString("line_user_id"), gender(rs),
				rs.getObject("birth_date", LocalDate.class), rs.getString("prefecture"), rs.getString("city"), tags(rs),
				nullableInstant(rs, "registered_at"), rs.getBoolean("blacklisted"), rs.getLong("order_count"),
				rs.getBigDecimal("total_spent"), nullableInstant(rs, "last_ordered_at"));
	}

	/**
	 * An ILIKE pattern matching values that contain the text literally: the wildcards and
	 * the escape character in it are escaped.
	 */
	static String containsPattern(String text) {
		StringBuilder pattern = new StringBuilder(text.length() + 2).append('%');
		for (char c : text.toCharArray()) {
			if (c == '\\' || c == '%' || c == '_') {
				pattern.append('\\');
			}
			pattern.append(c);
		}
		return pattern.append('%').toString();
	}

	private static @Nullable Gender gender(ResultSet rs) throws SQLException {
		String value = rs.getString("gender");
		return (value != null) ? Gender.valueOf(value.strip()) : null;
	}

	private static List<String> tags(ResultSet rs) throws SQLException {
		Array array = rs.getArray("tags");
		if (array == null) {
			return List.of();
		}
		return List.of((String[]) array.getArray());
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private record Attributes(long id, String externalId, @Nullable String name, @Nullable String email,
			@Nullable String phone, @Nullable String lineUserId, @Nullable Gender gender, @Nullable LocalDate birthDate,
			@Nullable String prefecture, @Nullable String city, List<String> tags, @Nullable Instant registeredAt,
			boolean blacklisted, long orderCount, BigDecimal totalSpent, @Nullable Instant lastOrderedAt) {

	}

}
