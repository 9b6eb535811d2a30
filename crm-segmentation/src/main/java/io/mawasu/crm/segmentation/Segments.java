package io.mawasu.crm.segmentation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.mawasu.crm.domain.customer.ShopProperties;
import io.mawasu.crm.segmentation.rule.CompiledRule;
import io.mawasu.crm.segmentation.rule.RuleCompiler;
import io.mawasu.crm.segmentation.rule.SegmentQueries;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rule segments: save a rule and snapshot its members, count a rule live (size and reach
 * per channel), page through its members, and refresh snapshots now or on schedule.
 * Counts are evaluated on crm-domain's tables at call time, so they are always current;
 * snapshots freeze the members for scenarios and for the size history.
 */
@Service
public class Segments {

	private static final Logger log = LoggerFactory.getLogger(Segments.class);

	private static final int MAX_PAGE_SIZE = 1000;

	/** The longest segment name. */
	public static final int MAX_NAME_LENGTH = 200;

	private final SegmentQueries queries;

	private final ShopProperties shop;

	private final SegmentationProperties properties;

	private final JourneyProperties journey;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	Segments(SegmentQueries queries, ShopProperties shop, SegmentationProperties properties, JourneyProperties journey,
			ApplicationEventPublisher events, Clock clock) {
		this.queries = queries;
		this.shop = shop;
		this.properties = properties;
		this.journey = journey;
		this.events = events;
		this.clock = clock;
	}

	/** Saves a segment and takes its first snapshot; returns its id. */
	@Transactional
	public long create(String name, SegmentRule rule, @Nullable String createdBy) {
		if (name.isBlank()) {
			throw new IllegalArgumentException("A segment needs a name");
		}
		if (name.strip().length() > MAX_NAME_LENGTH) {
			throw new IllegalArgumentException("A segment name has at most " + MAX_NAME_LENGTH + " characters");
		}
		long id = this.queries.insertSegment(name.strip(), rule.toJson().toString(), createdBy);
		SegmentSnapshot snapshot = this.queries.snapshot(id, compile(rule));
		this.events.publishEvent(new SegmentRefreshed(id, snapshot.id()));
		return id;
	}

	/**
	 * Renames a segment and replaces its rule, then takes a snapshot of the new rule;
	 * false for an unknown id. Callers check that no running scenario depends on the old
	 * members.
	 */
	@Transactional
	public boolean update(long id, String name, SegmentRule rule) {
		if (name.isBlank()) {
			throw new IllegalArgumentException("A segment needs a name");
		}
		if (!this.queries.updateSegment(id, name.strip(), rule.toJson().toString())) {
			return false;
		}
		SegmentSnapshot snapshot = this.queries.snapshot(id, compile(rule));
		this.events.publishEvent(new SegmentRefreshed(id, snapshot.id()));
		return true;
	}

	/**
	 * Deletes a segment with its snapshot history; false for an unknown id. Callers check
	 * that no active scenario enrols from it.
	 */
	@Transactional
	public boolean delete(long id) {
		return this.queries.deleteSegment(id);
	}

	/** Size and reach of a rule, now. */
	@Transactional(readOnly = true)
	public SegmentCount count(SegmentRule rule) {
		return this.queries.count(compile(rule));
	}

	/** Size and reach of a saved segment's rule, now; empty for an unknown id. */
	@Transactional(readOnly = true)
	public Optional<SegmentCount> count(long id) {
		return find(id).map((segment) -> count(segment.rule()));
	}

	/** A page (from 0) of the customers a rule matches now, by external id. */
	@Transactional(readOnly = true)
	public MemberPage members(SegmentRule rule, int page, int size) {
		return this.queries.members(compile(rule), Math.max(page, 0), Math.max(1, Math.min(size, MAX_PAGE_SIZE)));
	}

	/**
	 * A page of the customers a saved segment's rule matches now; empty for an unknown
	 * id.
	 */
	@Transactional(readOnly = true)
	public Optional<MemberPage> members(long id, int page, int size) {
		return find(id).map((segment) -> members(segment.rule(), page, size));
	}

	/** Every saved segment, highest rank first, with its latest snapshot's size. */
	@Transactional(readOnly = true)
	public List<SegmentSummary> list() {
		return this.queries.list();
	}

	/**
	 * The saved segments a customer belongs to as of each segment's latest snapshot (by
	 * the internal customer id), by name.
	 */
	@Transactional(readOnly = true)
	public List<SegmentSummary> segmentsOf(long customerId) {
		return this.queries.segmentsOf(customerId);
	}

	@Transactional(readOnly = true)
	public Optional<SegmentDetail> find(long id) {
		return this.queries.find(id)
			.map((row) -> new SegmentDetail(row.id(), row.name(), SegmentRule.parse(row.rule()), row.rankPriority(),
					row.refreshCron(), row.createdBy(), row.createdAt()));
	}

	/** A segment's snapshots, oldest first. */
	@Transactional(readOnly = true)
	public List<SegmentSnapshot> snapshots(long id) {
		return this.queries.snapshots(id);
	}

	/** Takes a new snapshot of a saved segment; empty for an unknown id. */
	@Transactional
	public Optional<SegmentSnapshot> refresh(long id) {
		Optional<SegmentSnapshot> snapshot = find(id)
			.map((segment) -> this.queries.snapshot(id, compile(segment.rule())));
		snapshot.ifPresent((taken) -> this.events.publishEvent(new SegmentRefreshed(id, taken.id())));
		return snapshot;
	}

	/**
	 * The customers (internal ids) of a segment's latest snapshot, ascending; empty for
	 * an unknown id or an empty segment.
	 */
	@Transactional(readOnly = true)
	public long[] memberIds(long segmentId) {
		return this.queries.memberIds(segmentId);
	}

	/** Of the given customers (internal ids), those the rule matches now. */
	@Transactional(readOnly = true)
	public Set<Long> matching(SegmentRule rule, Collection<Long> customerIds) {
		if (customerIds.isEmpty()) {
			return Set.of();
		}
		long[] ids = customerIds.stream().mapToLong(Long::longValue).toArray();
		return new HashSet<>(this.queries.matching(compile(rule), ids));
	}

	/** Sets the marketer's priority (Rank of 4R); null clears it. */
	@Transactional
	public boolean setRank(long id, @Nullable Integer rank) {
		return this.queries.setRank(id, rank);
	}

	/**
	 * Sets the segment's own refresh schedule (a Spring cron expression in the shop's
	 * zone); null or blank falls back to {@code crm.segmentation.segment-refresh-cron}.
	 */
	@Transactional
	public boolean setRefreshCron(long id, @Nullable String cron) {
		String value = (cron == null || cron.isBlank()) ? null : cron.strip();
		if (value != null && !CronExpression.isValidExpression(value)) {
			throw new IllegalArgumentException(
					"Not a cron expression (second minute hour day month weekday): " + value);
		}
		return this.queries.setRefreshCron(id, value);
	}

	/** All customers, the base of a segment's share (Realistic of 4R). */
	@Transactional(readOnly = true)
	public long totalCustomers() {
		return this.queries.totalCustomers();
	}

	/**
	 * Refreshes every segment whose schedule (its own cron, or the global default unless
	 * that is {@code -}) has fired since its latest snapshot; returns how many were
	 * refreshed.
	 */
	public int refreshDue() {
		int refreshed = 0;
		ZonedDateTime now = ZonedDateTime.now(this.clock.withZone(this.shop.timeZone()));
		for (SegmentQueries.Row row : this.queries.all()) {
			String cron = (row.refreshCron() != null) ? row.refreshCron()
					: this.properties.segmentRefreshCron().strip();
			if ("-".equals(cron) || cron.isEmpty()) {
				continue;
			}
			if (!CronExpression.isValidExpression(cron)) {
				log.warn("Segment {} has an invalid refresh cron '{}'; skipped", row.id(), cron);
				continue;
			}
			Instant last = (row.lastTakenAt() != null) ? row.lastTakenAt() : row.createdAt();
			ZonedDateTime next = CronExpression.parse(cron).next(last.atZone(this.shop.timeZone()));
			if (next != null && !next.isAfter(now)) {
				try {
					refresh(row.id());
					refreshed++;
				}
				catch (RuntimeException ex) {
					log.warn("Scheduled refresh of segment {} failed: {}", row.id(), ex.getMessage());
				}
			}
		}
		return refreshed;
	}

	/** The rule compiled for today in the shop's zone (exposed for benchmarks). */
	public CompiledRule compile(SegmentRule rule) {
		return RuleCompiler.compile(rule, LocalDate.now(this.clock.withZone(this.shop.timeZone())),
				this.shop.timeZone(), this.journey);
	}

}
