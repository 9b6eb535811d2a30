package io.mawasu.crm.analytics;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import io.mawasu.crm.analytics.journey.JourneyQueries;
import io.mawasu.crm.analytics.journey.JourneyQueries.MoveCount;
import io.mawasu.crm.analytics.journey.JourneyQueries.StateCount;
import io.mawasu.crm.domain.customer.ShopProperties;
import io.mawasu.crm.segmentation.JourneyProperties;
import io.mawasu.crm.segmentation.JourneyStage;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The two-axis customer journey (issue 11) on any day, computed from history: stages
 * across, affinity up, by the rule on {@link JourneyProperties}, and the moves between
 * two days. It lives in analytics because affinity on a past day needs the opens and
 * clicks of that time, which only delivery's events keep (segmentation reads only
 * crm-domain); the segment fields {@code journeyStage} and {@code affinity} apply the
 * same rule to today. Days are calendar days in the shop's zone, from {@link #EARLIEST}
 * to today; two days are at most {@link #MAX_SPAN_YEARS} years apart.
 */
@Service
public class Journeys {

	/** The earliest day the journey is drawn for. */
	public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

	/** The longest span of a move. */
	public static final int MAX_SPAN_YEARS = 10;

	private final JourneyQueries queries;

	private final JourneyProperties rule;

	private final ShopProperties shop;

	private final Clock clock;

	Journeys(JourneyQueries queries, JourneyProperties rule, ShopProperties shop, Clock clock) {
		this.queries = queries;
		this.rule = rule;
		this.shop = shop;
		this.clock = clock;
	}

	/** The rule in force (stage thresholds and affinity bands). */
	public JourneyProperties rule() {
		return this.rule;
	}

	/** Today in the shop's zone. */
	public LocalDate today() {
		return LocalDate.now(this.clock.withZone(this.shop.timeZone()));
	}

	/**
	 * Customers per stage and affinity on day {@code at} (today from crm-domain's
	 * per-customer summary and latest engagement, as the segment fields; a past day from
	 * orders and tracking events); throws {@link InvalidJourneyDate} for a day in the
	 * future or before {@link #EARLIEST}.
	 */
	@Transactional(readOnly = true)
	public JourneyMap map(LocalDate at) {
		LocalDate today = today();
		check("at", at, today);
		JourneyProperties.Bounds bounds = this.rule.bounds(at, zone());
		// today from the per-customer facts the segment fields read (fast, and each cell
		// is its segment's count); a past day from history
		List<StateCount> rows = at.equals(today) ? this.queries.mapToday(bounds, this.rule.regularPurchases())
				: this.queries.map(bounds, this.rule.regularPurchases());
		List<JourneyMap.Cell> cells = new ArrayList<>();
		for (JourneyStage stage : JourneyStage.values()) {
			for (int level = 1; level <= JourneyProperties.LEVELS; level++) {
				int s = stage.ordinal();
				int a = level;
				long customers = rows.stream()
					.filter((r) -> r.stage() == s && r.affinity() == a)
					.mapToLong(StateCount::customers)
					.sum();
				cells.add(new JourneyMap.Cell(stage, level, customers));
			}
		}
		return new JourneyMap(at, this.rule.regularPurchases(), Arrays.asList(JourneyStage.values()), levels(), cells,
				rows.stream().mapToLong(StateCount::customers).sum());
	}

	/**
	 * How customers moved between {@code from} and {@code to} (see {@link JourneyMoves});
	 * throws {@link InvalidJourneyDate} unless from &lt; to, both are from
	 * {@link #EARLIEST} to today and at most {@link #MAX_SPAN_YEARS} years apart.
	 */
	@Transactional(readOnly = true)
	public JourneyMoves moves(LocalDate from, LocalDate to) {
		LocalDate today = today();
		check("from", from, today);
		check("to", to, today);
		if (!from.isBefore(to)) {
			throw new InvalidJourneyDate("to", "journey.error.order", to + " is not after from, " + from, to, from);
		}
		if (to.isAfter(from.plusYears(MAX_SPAN_YEARS))) {
			throw new InvalidJourneyDate("to", "journey.error.span",
					"is more than " + MAX_SPAN_YEARS + " years after from", MAX_SPAN_YEARS);
		}
		List<MoveCount> rows = this.queries.moves(this.rule.bounds(from, zone()), this.rule.bounds(to, zone()),
				this.rule.regularPurchases());
		long up = 0;
		long down = 0;
		long along = 0;
		long same = 0;
		long entered = 0;
		List<JourneyMoves.Move> cells = new ArrayList<>();
		JourneyStage[] stages = JourneyStage.values();
		for (MoveCount row : rows) {
			if (row.fromStage() == null || row.fromAffinity() == null) {
				entered += row.customers();
				continue;
			}
			int fromAffinity = row.fromAffinity();
			up += (row.toAffinity() > fromAffinity) ? row.customers() : 0;
			down += (row.toAffinity() < fromAffinity) ? row.customers() : 0;
			along += (row.toStage() > row.fromStage()) ? row.customers() : 0;
			same += (row.toStage() == row.fromStage() && row.toAffinity() == fromAffinity) ? row.customers() : 0;
			cells.add(new JourneyMoves.Move(stages[row.fromStage()], fromAffinity, stages[row.toStage()],
					row.toAffinity(), row.customers()));
		}
		cells.sort(Comparator.comparingLong(JourneyMoves.Move::customers)
			.reversed()
			.thenComparing((m) -> m.fromStage().ordinal())
			.thenComparingInt(JourneyMoves.Move::fromAffinity)
			.thenComparing((m) -> m.toStage().ordinal())
			.thenComparingInt(JourneyMoves.Move::toAffinity));
		return new JourneyMoves(from, to, up, down, along, same, entered, cells);
	}

	private static void check(String parameter, LocalDate day, LocalDate today) {
		if (day.isAfter(today)) {
			throw InvalidJourneyDate.future(parameter, day, today);
		}
		if (day.isBefore(EARLIEST)) {
			throw new InvalidJourneyDate(parameter, "journey.error.tooEarly",
					day + " is before the earliest day, " + EARLIEST, day, EARLIEST);
		}
	}

	private static List<Integer> levels() {
		return IntStream.rangeClosed(1, JourneyProperties.LEVELS).boxed().toList();
	}

	private ZoneId zone() {
		return this.shop.timeZone();
	}

}
