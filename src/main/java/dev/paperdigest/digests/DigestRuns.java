package dev.paperdigest.digests;

import dev.paperdigest.common.DigestConfig;
import dev.paperdigest.common.JobLease;
import dev.paperdigest.common.ProblemException;
import dev.paperdigest.common.PublicLinks;
import dev.paperdigest.common.RunStatus;
import dev.paperdigest.matching.NewPaperMatching;
import dev.paperdigest.matching.PaperMatch;
import dev.paperdigest.subscriptions.Subscriber;
import dev.paperdigest.subscriptions.SubscriberStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A digest run: match what is new, queue one delivery per due subscriber and period (for those
 * with something waiting), then send the outbox. One run at a time across all replicas.
 */
@ApplicationScoped
public class DigestRuns {

    private static final Logger LOG = Logger.getLogger(DigestRuns.class);
    static final String LEASE = "digest-run";
    static final Duration LEASE_TIME = Duration.ofMinutes(30);
    static final int SUBSCRIBERS_PER_TRANSACTION = 500;

    private final DigestConfig config;
    private final NewPaperMatching matching;
    private final DeliverySender sender;
    private final JobLease lease;
    private final PublicLinks links;
    private final ManagedExecutor executor;
    private final Clock clock;

    public DigestRuns(DigestConfig config, NewPaperMatching matching, DeliverySender sender, JobLease lease,
                      PublicLinks links, ManagedExecutor executor, Clock clock) {
        this.config = config;
        this.matching = matching;
        this.sender = sender;
        this.lease = lease;
        this.links = links;
        this.executor = executor;
        this.clock = clock;
    }

    /** Records a run and starts it in the background; the caller polls it by id. */
    public DigestRun start(LocalDate periodDate, boolean dryRun) {
        DigestRun run = QuarkusTransaction.requiringNew().call(() -> create(periodDate, dryRun, false));
        executor.runAsync(() -> execute(run.id));
        return run;
    }

    /** The scheduled tick: due subscribers only, in this thread; skipped while another run holds the lease. */
    public Optional<DigestRun> runScheduled() {
        if (!lease.tryAcquire(LEASE, LEASE_TIME)) {
            LOG.debug("a digest run is already in progress; this tick is skipped");
            return Optional.empty();
        }
        try {
            DigestRun run = QuarkusTransaction.requiringNew().call(() -> create(null, false, true));
            executeHoldingLease(run.id);
            return Optional.of(run);
        } finally {
            lease.release(LEASE);
        }
    }

    void execute(long runId) {
        Instant giveUp = clock.instant().plus(LEASE_TIME);
        while (!lease.tryAcquire(LEASE, LEASE_TIME)) {
            if (clock.instant().isAfter(giveUp)) {
                update(runId, run -> {
                    run.status = RunStatus.CANCELLED;
                    run.error = "another digest run held the lock for too long";
                    run.finishedAt = clock.instant();
                });
                return;
            }
            sleep(Duration.ofSeconds(1));
        }
        try {
            executeHoldingLease(runId);
        } finally {
            lease.release(LEASE);
        }
    }

    private void executeHoldingLease(long runId) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                int abandoned = DigestRun.failAbandoned(runId, clock.instant());
                if (abandoned > 0) {
                    LOG.warnf("%d digest runs were left running by a process that stopped; marked failed", abandoned);
                }
                DigestRun run = DigestRun.findById(runId);
                run.status = RunStatus.RUNNING;
                run.startedAt = clock.instant();
            });
            int matched = matching.matchNewPapers();
            update(runId, run -> {
                run.matched = matched;
                run.progress = 0.2;
            });
            DigestRun run = QuarkusTransaction.requiringNew().call(() -> DigestRun.findById(runId));
            queue(run);
            if (!run.dryRun) {
                sender.sendDue(this::keepLease);
            }
            update(runId, r -> {
                r.sent = (int) Delivery.countOfRun(runId, DeliveryStatus.SENT);
                r.failed = (int) Delivery.countOfRun(runId, DeliveryStatus.FAILED);
                r.progress = 1.0;
                r.status = RunStatus.SUCCEEDED;
                r.finishedAt = clock.instant();
            });
        } catch (RuntimeException e) {
            LOG.error("digest run " + runId + " failed", e);
            update(runId, run -> {
                run.status = RunStatus.FAILED;
                run.error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                run.finishedAt = clock.instant();
            });
        }
    }

    /** Creates the run's deliveries, a few hundred subscribers per transaction. */
    private void queue(DigestRun run) {
        long runId = run.id;
        long total = QuarkusTransaction.requiringNew().call(() -> Subscriber.count("status", SubscriberStatus.ACTIVE));
        long afterId = 0;
        int seen = 0;
        int queued = 0;
        while (true) {
            long from = afterId;
            List<Subscriber> page = QuarkusTransaction.requiringNew().call(() -> Subscriber
                    .find("status = ?1 and id > ?2 order by id", SubscriberStatus.ACTIVE, from)
                    .range(0, SUBSCRIBERS_PER_TRANSACTION - 1).list());
            if (page.isEmpty()) {
                break;
            }
            queued += QuarkusTransaction.requiringNew().call(() -> queuePage(run, page));
            seen += page.size();
            afterId = page.get(page.size() - 1).id;
            int seenSoFar = seen;
            int queuedSoFar = queued;
            update(runId, r -> {
                r.subscribers = seenSoFar;
                r.queued = queuedSoFar;
                r.progress = 0.2 + 0.5 * seenSoFar / Math.max(1, total);
            });
            keepLease();
        }
    }

    /** A long run keeps its lease; losing it only means another run may start (deliveries stay unique). */
    private void keepLease() {
        if (!lease.renew(LEASE, LEASE_TIME)) {
            LOG.warn("the digest run lease ran out during the run; another run may start alongside");
        }
    }

    private int queuePage(DigestRun run, List<Subscriber> page) {
        Instant now = clock.instant();
        int queued = 0;
        for (Subscriber subscriber : page) {
            Optional<DigestPeriod> period = periodFor(run, subscriber, now);
            if (period.isEmpty() || Delivery.exists(subscriber.id, period.get().key())
                    || PaperMatch.countWaiting(subscriber.id) == 0) {
                continue;
            }
            queued++;
            if (run.dryRun) {
                continue;
            }
            Delivery delivery = new Delivery();
            delivery.subscriberId = subscriber.id;
            delivery.period = period.get().key();
            delivery.status = DeliveryStatus.QUEUED;
            delivery.digestRunId = run.id;
            delivery.messageId = "<digest." + delivery.period + "." + subscriber.publicId + "@" + links.host() + ">";
            delivery.createdAt = now;
            delivery.nextAttemptAt = now;
            delivery.persistAndFlush();
            delivery.paperCount = PaperMatch.assignWaiting(subscriber.id, delivery.id);
        }
        return queued;
    }

    private Optional<DigestPeriod> periodFor(DigestRun run, Subscriber subscriber, Instant now) {
        if (run.periodDate != null) {
            return Optional.of(DigestPeriod.of(subscriber.frequency, run.periodDate));
        }
        if (run.scheduled) {
            return DigestPeriod.due(subscriber.frequency, subscriber.sendHour, subscriber.zone(),
                    config.delivery().weeklyDay(), now);
        }
        return Optional.of(DigestPeriod.of(subscriber.frequency, now.atZone(subscriber.zone()).toLocalDate()));
    }

    private DigestRun create(LocalDate periodDate, boolean dryRun, boolean scheduled) {
        DigestRun run = new DigestRun();
        run.status = RunStatus.QUEUED;
        run.periodDate = periodDate;
        run.dryRun = dryRun;
        run.scheduled = scheduled;
        run.createdAt = clock.instant();
        run.persist();
        return run;
    }

    public DigestRun get(long id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            DigestRun run = DigestRun.findById(id);
            if (run == null) {
                throw ProblemException.notFound("digest run " + id);
            }
            return run;
        });
    }

    private void update(long runId, java.util.function.Consumer<DigestRun> change) {
        QuarkusTransaction.requiringNew().run(() -> change.accept(DigestRun.findById(runId)));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the digest lock", e);
        }
    }
}
