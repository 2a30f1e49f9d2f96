package dev.paperdigest.digests;

import dev.paperdigest.common.Database;
import dev.paperdigest.common.PublicLinks;
import dev.paperdigest.matching.Preferences;
import dev.paperdigest.matching.Query;
import dev.paperdigest.matching.RankedPapers;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.subscriptions.PaperFeedback;
import dev.paperdigest.subscriptions.Subscriber;
import dev.paperdigest.subscriptions.Subscriber.DigestProgress;
import dev.paperdigest.subscriptions.Subscriber.Schedule;
import dev.paperdigest.subscriptions.Subscription;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides who gets a digest in a run, and with which papers: each due subscriber is matched
 * against the papers of the match rounds after the last one their digests took into account, and
 * those with something new get a delivery holding the best {@code max-papers} of them. A page of
 * subscribers is read, matched and written in short transactions of its own, so nothing grows
 * with the number of subscribers or hits, and a run stopped half-way loses at most one page: the
 * next run carries on, since a subscriber's progress is written with their delivery. A run is cut
 * into shards ({@link QueueShards}) that any process may queue.
 */
@ApplicationScoped
public class DigestQueue {

    private static final Logger LOG = Logger.getLogger(DigestQueue.class);

    static final int SUBSCRIBERS_PER_PAGE = 1000;
    /** However long someone went without a digest, it never reaches back further than this. */
    static final Duration MAX_LOOKBACK = Duration.ofDays(14);

    /** What a run queued so far, and where the time went (nanoseconds reading, matching, writing). */
    public record Totals(int subscribers, int queued, long matched, long readNanos, long matchNanos, long writeNanos) {
        static final Totals NONE = new Totals(0, 0, 0, 0, 0, 0);

        Totals plus(Totals page) {
            return new Totals(
                    subscribers + page.subscribers,
                    queued + page.queued,
                    matched + page.matched,
                    readNanos + page.readNanos,
                    matchNanos + page.matchNanos,
                    writeNanos + page.writeNanos);
        }

        public String split() {
            return String.format(
                    Locale.ROOT,
                    "reading subscribers %.1f s, matching %.1f s, writing deliveries %.1f s",
                    readNanos / 1e9,
                    matchNanos / 1e9,
                    writeNanos / 1e9);
        }
    }

    /** Told after each page; answers whether to go on (false when the run was cancelled). */
    public interface Progress {
        boolean afterPage(Totals soFar);
    }

    /** {@code preferences}: what the votes of those who voted on papers taught their ranking. */
    private record PageRead(
            List<Schedule> subscribers,
            Map<Long, List<Query>> queries,
            Map<Long, Preferences> preferences,
            Set<String> existing) {}

    /** A delivery to queue and what it shows. */
    private record Queued(Delivery delivery, Selection selection) {}

    private record PageWrite(List<Queued> deliveries, List<DigestProgress> progress, Totals totals) {}

    private final DeliveryConfig config;
    private final MatchSessions sessions;
    private final PublicLinks links;
    private final DigestRunMetrics metrics;

    public DigestQueue(DeliveryConfig config, MatchSessions sessions, PublicLinks links, DigestRunMetrics metrics) {
        this.config = config;
        this.sessions = sessions;
        this.links = links;
        this.metrics = metrics;
    }

    /**
     * Queues the run's digests for the subscribers of one shard, against the papers of the rounds
     * up to the run's {@code throughRound}, as of the run's {@code queuedAsOf}.
     */
    public Totals queue(DigestRun run, QueueShards.Shard shard, Progress progress) {
        long throughRound = run.throughRound;
        Instant now = run.queuedAsOf;
        long floorRound =
                QuarkusTransaction.requiringNew().call(() -> Paper.latestRoundBefore(now.minus(MAX_LOOKBACK)));
        Totals totals = Totals.NONE;
        long afterId = shard.firstId() - 1;
        while (true) {
            Optional<Page> page;
            try {
                page = queuePage(run, afterId, shard.lastId(), throughRound, floorRound, now);
            } catch (RuntimeException e) {
                if (!Database.isConstraintViolation(e)) {
                    throw e;
                }
                // another process queued some of these subscribers meanwhile (it took the shard
                // over): read the page again, which now skips what it queued
                LOG.infof(
                        "subscribers after %d were queued by another process meanwhile; the page is read again",
                        afterId);
                page = queuePage(run, afterId, shard.lastId(), throughRound, floorRound, now);
            }
            if (page.isEmpty()) {
                return totals;
            }
            totals = totals.plus(page.get().totals());
            afterId = page.get().lastId();
            if (!progress.afterPage(totals)) {
                return totals;
            }
        }
    }

    private record Page(long lastId, Totals totals) {}

    /** Reads, matches and writes the page of subscribers after {@code afterId}; empty when there are none. */
    private Optional<Page> queuePage(
            DigestRun run, long afterId, long lastId, long throughRound, long floorRound, Instant now) {
        long t0 = System.nanoTime();
        PageRead read = QuarkusTransaction.requiringNew().call(() -> read(run, afterId, lastId, now));
        if (read.subscribers().isEmpty()) {
            return Optional.empty();
        }
        long t1 = System.nanoTime();
        PageWrite write = match(run, read, throughRound, floorRound, now);
        long t2 = System.nanoTime();
        if (!run.dryRun) {
            QuarkusTransaction.requiringNew().run(() -> {
                write.deliveries().forEach(queued -> queued.delivery().persist());
                DeliverySelection.persist(write.deliveries().stream()
                        .map(queued -> DeliverySelection.of(queued.delivery().id, queued.selection())));
                Subscriber.recordDigestProgress(write.progress());
            });
            metrics.queued(write.totals().queued(), write.totals().matched());
        }
        long t3 = System.nanoTime();
        return Optional.of(new Page(
                read.subscribers().get(read.subscribers().size() - 1).id(),
                write.totals().plus(new Totals(0, 0, 0, t1 - t0, t2 - t1, t3 - t2))));
    }

    private PageRead read(DigestRun run, long afterId, long lastId, Instant now) {
        List<Schedule> page = run.scheduled
                ? Subscriber.listDue(now, afterId, lastId, SUBSCRIBERS_PER_PAGE)
                : Subscriber.listActive(afterId, lastId, SUBSCRIBERS_PER_PAGE);
        if (page.isEmpty()) {
            return new PageRead(page, Map.of(), Map.of(), Set.of());
        }
        long first = page.get(0).id();
        long last = page.get(page.size() - 1).id();
        Set<String> periods = new HashSet<>();
        for (Schedule subscriber : page) {
            periodFor(run, subscriber, now).ifPresent(p -> periods.add(p.key()));
        }
        Set<String> existing =
                periods.isEmpty() ? Set.of() : new HashSet<>(Delivery.existingKeys(first, last, periods));
        return new PageRead(
                page,
                Subscription.queriesOfRange(first, last),
                PaperFeedback.preferencesOfRange(first, last),
                existing);
    }

    private PageWrite match(DigestRun run, PageRead page, long throughRound, long floorRound, Instant now) {
        List<Queued> deliveries = new ArrayList<>();
        List<DigestProgress> progress = new ArrayList<>(page.subscribers().size());
        int queued = 0;
        long matched = 0;
        for (Schedule subscriber : page.subscribers()) {
            Optional<DigestPeriod> owed = periodFor(run, subscriber, now);
            if (owed.isEmpty()) {
                // a scheduled tick came before their send hour: look again then
                DigestPeriod current = DigestPeriod.of(
                        subscriber.frequency(), now.atZone(subscriber.zone()).toLocalDate(), config.weeklyDay());
                progress.add(
                        new DigestProgress(subscriber.id(), subscriber.matchedThrough(), sendAt(subscriber, current)));
                continue;
            }
            DigestPeriod period = owed.get();
            Instant next = later(subscriber.nextDigestAt(), sendAt(subscriber, period.next()));
            long after = Math.max(subscriber.matchedThrough(), floorRound);
            if (page.existing().contains(subscriber.id() + " " + period.key()) || after >= throughRound) {
                // this period has its digest already, or no paper is new to them
                progress.add(new DigestProgress(subscriber.id(), subscriber.matchedThrough(), next));
                continue;
            }
            List<Query> queries = page.queries().getOrDefault(subscriber.id(), List.of());
            RankedPapers ranked = sessions.ofRounds(after, throughRound)
                    .best(
                            queries,
                            config.maxPapers(),
                            page.preferences().getOrDefault(subscriber.id(), Preferences.NONE));
            progress.add(new DigestProgress(subscriber.id(), throughRound, next));
            if (ranked.total() == 0) {
                continue;
            }
            queued++;
            matched += ranked.total();
            Selection selection = Selection.of(ranked, queries);
            deliveries.add(new Queued(delivery(run, subscriber, period, selection, now), selection));
        }
        return new PageWrite(deliveries, progress, new Totals(page.subscribers().size(), queued, matched, 0, 0, 0));
    }

    private Delivery delivery(
            DigestRun run, Schedule subscriber, DigestPeriod period, Selection selection, Instant now) {
        Delivery delivery = new Delivery();
        delivery.subscriberId = subscriber.id();
        delivery.period = period.key();
        delivery.status = DeliveryStatus.QUEUED;
        delivery.digestRunId = run.id;
        delivery.paperCount = selection.picks().size();
        delivery.matchedCount = selection.totalCount();
        delivery.messageId = "<digest." + delivery.period + "." + subscriber.publicId() + "@" + links.host() + ">";
        delivery.createdAt = now;
        delivery.nextAttemptAt = now;
        return delivery;
    }

    /** The period a run owes a subscriber, or nothing yet (a scheduled tick before their send hour). */
    Optional<DigestPeriod> periodFor(DigestRun run, Schedule subscriber, Instant now) {
        if (run.periodDate != null) {
            return Optional.of(DigestPeriod.of(subscriber.frequency(), run.periodDate, config.weeklyDay()));
        }
        if (run.scheduled) {
            return DigestPeriod.due(
                    subscriber.frequency(), subscriber.sendHour(), subscriber.zone(), config.weeklyDay(), now);
        }
        return Optional.of(DigestPeriod.of(
                subscriber.frequency(), now.atZone(subscriber.zone()).toLocalDate(), config.weeklyDay()));
    }

    private Instant sendAt(Schedule subscriber, DigestPeriod period) {
        return period.sendAt(subscriber.sendHour(), subscriber.zone());
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
