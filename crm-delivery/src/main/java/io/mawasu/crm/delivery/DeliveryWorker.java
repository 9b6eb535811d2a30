package io.mawasu.crm.delivery;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.mawasu.crm.delivery.Outbox.Claimed;
import io.mawasu.crm.delivery.send.ChannelSender;
import io.mawasu.crm.delivery.send.Outgoing;
import io.mawasu.crm.delivery.send.SendOutcome;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.consent.Suppressions;
import io.mawasu.crm.domain.customer.ShopProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works off the outbox one batch at a time, safely beside any number of other instances.
 * A batch of {@code batch-size} is claimed under this worker's lease and stays QUEUED; it
 * is then worked in groups of at most {@code group-size} per channel. For each group,
 * after taking its permits from the channel's shared rate limit, one transaction renews
 * the lease, marks the group SENDING and checks it right before the provider sees it:
 * consent, blacklist, address and suppression ({@link SendEligibility}, so an opt-out
 * recorded until that moment is honoured), quiet hours in the shop's zone (deferred to
 * their end) and the frequency cap ({@link FrequencyCaps}); skips are recorded with their
 * reason and announced as {@link MessageSkipped}. The rest is rendered per content and
 * variant, given tracking links, sent through the channel's {@link ChannelSender}, and
 * the group's outcomes are recorded with one statement per kind: SENT, retried later with
 * exponential backoff, or FAILED (a bad address goes on the suppression list). So a crash
 * leaves at most one group uncertain in SENDING (reported, never resent); the batch's
 * unattempted messages go to another instance when the lease lapses.
 */
@Service
public class DeliveryWorker {

	private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

	static final Duration MAX_BACKOFF = Duration.ofHours(1);

	private final Outbox outbox;

	private final SendEligibility eligibility;

	private final FrequencyCaps caps;

	private final Contents contents;

	private final MessageRenderer renderer;

	private final TrackingUrls urls;

	private final Suppressions suppressions;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final DeliveryProperties.Worker settings;

	private final ZoneId zone;

	private final Clock clock;

	private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);

	private final RateLimits rateLimits;

	private final Set<Long> reportedStuck = ConcurrentHashMap.newKeySet();

	private final String workerId;

	@Autowired
	DeliveryWorker(Outbox outbox, SendEligibility eligibility, FrequencyCaps caps, Contents contents,
			MessageRenderer renderer, TrackingUrls urls, Suppressions suppressions, ApplicationEventPublisher events,
			PlatformTransactionManager transactions, DeliveryProperties properties, ShopProperties shop,
			List<ChannelSender> senders, RateLimits rateLimits, ObjectProvider<Clock> clock) {
		this(outbox, eligibility, caps, contents, renderer, urls, suppressions, events, transactions, properties, shop,
				senders, rateLimits, clock.getIfUnique(Clock::systemUTC));
	}

	DeliveryWorker(Outbox outbox, SendEligibility eligibility, FrequencyCaps caps, Contents contents,
			MessageRenderer renderer, TrackingUrls urls, Suppressions suppressions, ApplicationEventPublisher events,
			PlatformTransactionManager transactions, DeliveryProperties properties, ShopProperties shop,
			List<ChannelSender> senders, RateLimits rateLimits, Clock clock) {
		this.outbox = outbox;
		this.eligibility = eligibility;
		this.caps = caps;
		this.contents = contents;
		this.renderer = renderer;
		this.urls = urls;
		this.suppressions = suppressions;
		this.events = events;
		this.transaction = new TransactionTemplate(transactions);
		this.settings = properties.worker();
		this.zone = shop.timeZone();
		this.clock = clock;
		senders.forEach((sender) -> this.senders.put(sender.channel(), sender));
		this.rateLimits = rateLimits;
		this.workerId = host() + "-" + ManagementFactory.getRuntimeMXBean().getPid() + "-"
				+ UUID.randomUUID().toString().substring(0, 8);
	}

	/** This instance's name in {@code claimed_by}: host, process id and a random part. */
	public String workerId() {
		return this.workerId;
	}

	/**
	 * Claims one batch of due messages and checks, sends and records it group by group.
	 * Returns how many messages were claimed (0 when none was due); a full batch means
	 * more may be due. A runtime failure returns the batch's unattempted messages to the
	 * queue at once; an {@link Error} (the process is going down) leaves them to the
	 * lease.
	 */
	public int runOnce() {
		List<Claimed> claimed = this.outbox.claim(this.settings.batchSize(), this.workerId, this.clock.instant(),
				this.settings.lease());
		if (claimed.isEmpty()) {
			return 0;
		}
		Set<Long> unattempted = new LinkedHashSet<>();
		claimed.forEach((m) -> unattempted.add(m.id()));
		try {
			Map<Long, Optional<Content>> contentCache = new HashMap<>();
			Map<Channel, List<Claimed>> byChannel = claimed.stream()
				.collect(Collectors.groupingBy(Claimed::channel, () -> new EnumMap<>(Channel.class),
						Collectors.toList()));
			channels: for (Map.Entry<Channel, List<Claimed>> entry : byChannel.entrySet()) {
				List<Claimed> messages = entry.getValue();
				int size = groupSize(entry.getKey());
				for (int from = 0; from < messages.size(); from += size) {
					List<Claimed> group = messages.subList(from, Math.min(messages.size(), from + size));
					if (!sendGroup(entry.getKey(), group, contentCache)) {
						break channels;
					}
					group.forEach((m) -> unattempted.remove(m.id()));
				}
			}
		}
		catch (RuntimeException ex) {
			this.outbox.release(this.workerId, unattempted);
			throw ex;
		}
		this.outbox.release(this.workerId, unattempted);
		return claimed.size();
	}

	/**
	 * Returns the unattempted messages of claimers whose lease expired (an instance that
	 * died) to the queue and logs how many; returns the count.
	 */
	public int releaseExpiredClaims() {
		int released = this.outbox.releaseExpired(this.clock.instant());
		if (released > 0) {
			log.warn("Returned {} claimed but unattempted message(s) of expired claimers to the queue", released);
		}
		return released;
	}

	/**
	 * Logs each message left in SENDING longer than
	 * {@code crm.delivery.worker.stuck-after} once (per instance); returns the newly
	 * reported ids.
	 */
	public List<Long> reportStuck() {
		List<Long> stuck = this.outbox.stuck(this.settings.stuckAfter());
		this.reportedStuck.retainAll(Set.copyOf(stuck));
		List<Long> fresh = stuck.stream().filter(this.reportedStuck::add).toList();
		fresh.forEach((id) -> log.warn("Message {} has been SENDING for over {}: its worker probably stopped between "
				+ "sending and recording; it is not resent. Check the provider's log and set its state by hand.", id,
				this.settings.stuckAfter()));
		return fresh;
	}

	int batchSize() {
		return this.settings.batchSize();
	}

	/**
	 * Messages handed to the provider at a time: the group size, within a second's rate.
	 */
	int groupSize(Channel channel) {
		RateLimiter limiter = this.rateLimits.get(channel);
		return Math.max(1, (limiter != null) ? Math.min(this.settings.groupSize(), limiter.perSecond())
				: this.settings.groupSize());
	}

	/**
	 * Takes the group's permits, marks it SENDING and checks it in one transaction, sends
	 * what passed and records the outcomes. False when the thread was interrupted before
	 * anything of the group was marked.
	 */
	private boolean sendGroup(Channel channel, List<Claimed> group, Map<Long, Optional<Content>> contentCache) {
		RateLimiter limiter = this.rateLimits.get(channel);
		if (limiter != null) {
			try {
				limiter.acquire(group.size());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		List<Claimed> due = this.transaction.execute((status) -> startAndCheck(channel, group));
		if (due == null || due.isEmpty()) {
			return true;
		}
		Outcomes outcomes = new Outcomes();
		try {
			send(channel, due, contentCache, outcomes);
		}
		catch (RuntimeException ex) {
			// Nothing of these was handed to the provider (its failures come back as
			// outcomes), so they may safely be tried again.
			log.warn("Preparing {} messages failed", channel, ex);
			due.stream()
				.filter((m) -> !outcomes.decided.contains(m.id()))
				.forEach((m) -> outcomes.transientError(m, "Preparing the message failed: " + ex.getMessage(), null,
						this.settings));
		}
		this.transaction.executeWithoutResult((status) -> record(outcomes));
		return true;
	}

	private List<Claimed> startAndCheck(Channel channel, List<Claimed> group) {
		this.outbox.renew(this.workerId, this.clock.instant(), this.settings.lease());
		List<Claimed> sending = this.outbox.startSending(group.stream().map(Claimed::id).toList(), this.workerId);
		if (sending.isEmpty()) {
			return List.of();
		}
		Map<Long, SkipReason> blocked = this.eligibility.blocked(channel,
				sending.stream().map(Claimed::customerId).distinct().toList());
		Map<Long, SkipReason> skips = new HashMap<>();
		sending.forEach((m) -> {
			SkipReason reason = blocked.get(m.customerId());
			if (reason != null) {
				skips.put(m.id(), reason);
			}
		});
		skip(sending, skips);

		Instant now = this.clock.instant();
		Map<Instant, List<Long>> deferrals = new HashMap<>();
		List<Claimed> due = new ArrayList<>();
		for (Claimed m : sending) {
			if (skips.containsKey(m.id())) {
				continue;
			}
			Instant end = quietUntil(m.rules().quietHours(), now);
			if (end != null) {
				deferrals.computeIfAbsent(end, (e) -> new ArrayList<>()).add(m.id());
			}
			else {
				due.add(m);
			}
		}
		deferrals.forEach((until, ids) -> this.outbox.deferAll(ids, until));

		this.caps.lockCustomers(due.stream().map(Claimed::customerId).toList());
		Set<Long> overCap = Set.copyOf(this.caps.overCap(due.stream().map(Claimed::id).toList()));
		Map<Long, SkipReason> capped = new HashMap<>();
		overCap.forEach((id) -> capped.put(id, SkipReason.FREQUENCY_CAP));
		skip(due, capped);
		return due.stream().filter((m) -> !overCap.contains(m.id())).toList();
	}

	/**
	 * The end of the quiet period {@code now} falls in, or null when it is outside (or
	 * there are no quiet hours).
	 */
	@Nullable Instant quietUntil(SendRules.@Nullable QuietHours quiet, Instant now) {
		if (quiet == null) {
			return null;
		}
		LocalDateTime local = LocalDateTime.ofInstant(now, this.zone);
		if (!quiet.contains(local.toLocalTime())) {
			return null;
		}
		LocalDateTime end = local.toLocalDate().atTime(quiet.to());
		if (!end.isAfter(local)) {
			end = end.plusDays(1);
		}
		return ZonedDateTime.of(end, this.zone).toInstant();
	}

	private void skip(List<Claimed> messages, Map<Long, SkipReason> reasons) {
		if (reasons.isEmpty()) {
			return;
		}
		Set<Long> marked = Set.copyOf(this.outbox.suppressedAll(reasons));
		Instant at = Instant.now();
		for (Claimed m : messages) {
			if (marked.contains(m.id())) {
				this.events.publishEvent(new MessageSkipped(m.ref(), reasons.get(m.id()), at));
			}
		}
	}

	private void send(Channel channel, List<Claimed> messages, Map<Long, Optional<Content>> contentCache,
			Outcomes outcomes) {
		ChannelSender sender = this.senders.get(channel);
		if (sender == null) {
			messages.forEach(
					(m) -> outcomes.transientError(m, "No sender is configured for " + channel, null, this.settings));
			return;
		}
		Map<Long, String> addresses = this.renderer.addresses(channel,
				messages.stream().map(Claimed::customerId).distinct().toList());
		Map<String, List<Claimed>> byContent = new LinkedHashMap<>();
		for (Claimed m : messages) {
			String address = addresses.get(m.customerId());
			if (address == null || address.isBlank()) {
				outcomes.skipped.put(m.id(), SkipReason.NO_ADDRESS);
				outcomes.skippedMessages.add(m);
				outcomes.decided.add(m.id());
			}
			else if (m.contentId() == null) {
				outcomes.failed(m, "The message has no content", address, false);
			}
			else {
				byContent
					.computeIfAbsent(m.contentId() + "/" + ((m.variant() != null) ? m.variant() : "A"),
							(k) -> new ArrayList<>())
					.add(m);
			}
		}
		List<Outgoing> batch = new ArrayList<>();
		List<Claimed> batchMessages = new ArrayList<>();
		for (List<Claimed> group : byContent.values()) {
			Claimed first = group.get(0);
			Optional<Content> content = contentCache.computeIfAbsent(first.contentId(), this.contents::find);
			if (content.isEmpty() || content.get().channel() != channel) {
				group.forEach(
						(m) -> outcomes.failed(m, "Content " + first.contentId() + " does not exist for " + channel,
								addresses.get(m.customerId()), false));
				continue;
			}
			String variant = (first.variant() != null) ? first.variant() : "A";
			Map<Long, RenderedMessage> rendered;
			try {
				rendered = this.renderer.render(content.get(), variant,
						group.stream().map(Claimed::customerId).distinct().toList());
			}
			catch (RuntimeException ex) {
				group.forEach((m) -> outcomes.failed(m, "Rendering failed: " + ex.getMessage(),
						addresses.get(m.customerId()), false));
				continue;
			}
			for (Claimed m : group) {
				RenderedMessage message = rendered.get(m.customerId());
				if (message == null) {
					outcomes.failed(m, "Content " + first.contentId() + " could not be rendered for the customer",
							addresses.get(m.customerId()), false);
					continue;
				}
				String unsubscribe = this.urls.unsubscribe(m.id());
				RenderedMessage tracked = this.renderer.track(message, (link) -> this.urls.click(m.id(), link),
						(channel == Channel.EMAIL) ? this.urls.open(m.id()) : null, unsubscribe);
				batch.add(new Outgoing(m.id(), addresses.get(m.customerId()), tracked, unsubscribe));
				batchMessages.add(m);
			}
		}
		if (batch.isEmpty()) {
			return;
		}
		List<SendOutcome> results;
		try {
			results = sender.send(batch);
		}
		catch (RuntimeException ex) {
			log.warn("{} sender failed on a group of {}", channel, batch.size(), ex);
			results = null;
		}
		for (int i = 0; i < batch.size(); i++) {
			Claimed m = batchMessages.get(i);
			String address = batch.get(i).address();
			SendOutcome result = (results != null && i < results.size()) ? results.get(i)
					: new SendOutcome.Transient("The sender gave no outcome", null);
			if (result instanceof SendOutcome.Sent sent) {
				outcomes.sent(m, address, sent.providerId());
			}
			else if (result instanceof SendOutcome.Transient t) {
				outcomes.transientError(m, t.error(), t.retryAfter(), this.settings);
			}
			else if (result instanceof SendOutcome.Permanent p) {
				outcomes.failed(m, p.error(), address, p.addressUndeliverable());
			}
		}
	}

	private void record(Outcomes o) {
		this.outbox.sentAll(o.sentIds, o.sentAddresses, o.providerIds);
		this.outbox.retryAllLater(o.retryIds, o.retryErrors, o.retryAt);
		this.outbox.failedAll(o.failedIds, o.failedErrors, o.failedAddresses, o.undeliverable);
		skip(o.skippedMessages, o.skipped);
		o.badAddresses.forEach((channel, addresses) -> this.suppressions.suppress(channel, addresses, "UNDELIVERABLE"));
	}

	/**
	 * The retry delay after attempt {@code attempts}: the backoff doubled per attempt, at
	 * most an hour, or the provider's Retry-After when that is longer.
	 */
	static Duration backoff(Duration first, int attempts, @Nullable Duration retryAfter) {
		Duration delay = first;
		for (int i = 1; i < attempts && delay.compareTo(MAX_BACKOFF) < 0; i++) {
			delay = delay.multipliedBy(2);
		}
		if (delay.compareTo(MAX_BACKOFF) > 0) {
			delay = MAX_BACKOFF;
		}
		return (retryAfter != null && retryAfter.compareTo(delay) > 0) ? retryAfter : delay;
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown-host";
		}
	}

	/** The outcomes of a batch, collected for one statement per kind. */
	private static final class Outcomes {

		final List<Long> sentIds = new ArrayList<>();

		final List<String> sentAddresses = new ArrayList<>();

		final List<@Nullable String> providerIds = new ArrayList<>();

		final List<Long> retryIds = new ArrayList<>();

		final List<String> retryErrors = new ArrayList<>();

		final List<Instant> retryAt = new ArrayList<>();

		final List<Long> failedIds = new ArrayList<>();

		final List<String> failedErrors = new ArrayList<>();

		final List<@Nullable String> failedAddresses = new ArrayList<>();

		final List<Boolean> undeliverable = new ArrayList<>();

		final Map<Long, SkipReason> skipped = new HashMap<>();

		final List<Claimed> skippedMessages = new ArrayList<>();

		final Map<Channel, List<String>> badAddresses = new EnumMap<>(Channel.class);

		final Set<Long> decided = new HashSet<>();

		void sent(Claimed m, String address, @Nullable String providerId) {
			this.decided.add(m.id());
			this.sentIds.add(m.id());
			this.sentAddresses.add(address);
			this.providerIds.add(providerId);
		}

		void transientError(Claimed m, String error, @Nullable Duration retryAfter,
				DeliveryProperties.Worker settings) {
			this.decided.add(m.id());
			if (m.attempts() >= settings.maxAttempts()) {
				failed(m, "Gave up after " + m.attempts() + " attempts: " + error, null, false);
				return;
			}
			this.retryIds.add(m.id());
			this.retryErrors.add(error);
			this.retryAt.add(Instant.now().plus(backoff(settings.backoff(), m.attempts(), retryAfter)));
		}

		void failed(Claimed m, String error, @Nullable String address, boolean undeliverable) {
			this.decided.add(m.id());
			this.failedIds.add(m.id());
			this.failedErrors.add(error);
			this.failedAddresses.add(address);
			this.undeliverable.add(undeliverable);
			if (undeliverable && address != null) {
				this.badAddresses.computeIfAbsent(m.channel(), (c) -> new ArrayList<>()).add(address);
			}
		}

	}

}
