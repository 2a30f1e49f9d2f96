package dev.paperdigest.digests;

import dev.paperdigest.common.JobLease;
import dev.paperdigest.common.PatientTransactions;
import dev.paperdigest.common.ProgressRate;
import dev.paperdigest.common.TableStatistics;
import dev.paperdigest.digests.DigestQueue.Totals;
import dev.paperdigest.subscriptions.Subscriber;
import dev.paperdigest.subscriptions.SubscriberStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A running digest run's bookkeeping: writes its progress every few seconds, logs it now and then,
 * keeps the run's lease, refreshes the outbox's statistics as it grows, and notices a cancel.
 */
final class RunProgress {

    private static final Logger LOG = Logger.getLogger(RunProgress.class);
    /** How often a run writes its progress (and renews its lease), at most. */
    static final Duration REPORT_EVERY = Duration.ofSeconds(2);

    /** Deliveries queued between two refreshes of the outbox's statistics. */
    static final int ANALYSE_EVERY = 50_000;

    private final DigestRun run;
    private final QueueShards shards;
    private final TableStatistics statistics;
    private final DeliverySender sender;
    private final JobLease lease;
    private final Clock clock;
    private final long activeSubscribers;
    private final ProgressRate queueingLog;
    private final ProgressRate sendingLog;
    private Instant reported = Instant.EPOCH;
    private int queuedWhenAnalysed;
    private volatile boolean queueingDone;
    private volatile boolean cancelled;

    RunProgress(
            DigestRun run,
            QueueShards shards,
            TableStatistics statistics,
            DeliverySender sender,
            JobLease lease,
            Duration logEvery,
            Clock clock) {
        this.run = run;
        this.shards = shards;
        this.statistics = statistics;
        this.sender = sender;
        this.lease = lease;
        this.clock = clock;
        this.queueingLog = new ProgressRate(logEvery, clock);
        this.sendingLog = new ProgressRate(logEvery, clock);
        this.activeSubscribers =
                QuarkusTransaction.requiringNew().call(() -> Subscriber.count("status", SubscriberStatus.ACTIVE));
    }

    boolean cancelled() {
        return cancelled;
    }

    boolean queueing() {
        return !queueingDone;
    }

    void queueingEnded() {
        queueingDone = true;
    }

    /** After each page of subscribers queued: whether to go on. */
    boolean afterPage(Totals ignoredShardTotals) {
        report(false);
        return !cancelled;
    }

    /** Every process's shards count: the totals come from the database. */
    void report(boolean force) {
        Instant now = clock.instant();
        if (!force && now.isBefore(reported.plus(REPORT_EVERY))) {
            return;
        }
        reported = now;
        try {
            writeQueueing(now);
        } catch (RuntimeException e) {
            skipWhileAway(e);
        }
    }

    /** Progress is worth skipping while the database is away: the next report catches up. */
    private static void skipWhileAway(RuntimeException e) {
        if (!PatientTransactions.isTransient(e)) {
            throw e;
        }
        LOG.warnf("the digest run's progress was not written (the database did not answer): %s", e.getMessage());
    }

    private void writeQueueing(Instant now) {
        Totals soFar = shards.totals(run.id);
        if (soFar.queued() - queuedWhenAnalysed >= ANALYSE_EVERY) {
            queuedWhenAnalysed = soFar.queued();
            statistics.refresh("delivery"); // the senders' claims are planned by these statistics
        }
        double queueing = Math.min(1.0, soFar.subscribers() / (double) Math.max(1, activeSubscribers));
        DigestRunner.update(run.id, r -> {
            r.subscribers = soFar.subscribers();
            r.queued = soFar.queued();
            r.matched = (int) Math.min(Integer.MAX_VALUE, soFar.matched());
            r.progress = run.dryRun ? queueing : 0.5 * queueing;
            cancelled = r.cancelRequested;
        });
        keepLease();
        queueingLog
                .due(soFar.subscribers())
                .ifPresent(rate -> LOG.infof(
                        "digest run %d: %d of about %d subscribers looked at (%.0f/s), %d digests queued, %d sent",
                        run.id, soFar.subscribers(), activeSubscribers, rate, soFar.queued(), sender.sentSoFar()));
    }

    void reportSending(Totals totals) {
        try {
            writeSending(totals);
        } catch (RuntimeException e) {
            skipWhileAway(e);
        }
    }

    private void writeSending(Totals totals) {
        int sent = sender.sentSoFar();
        DigestRunner.update(run.id, r -> {
            r.progress = 0.5 + 0.5 * Math.min(1.0, sent / (double) Math.max(1, totals.queued()));
            cancelled = r.cancelRequested;
        });
        keepLease();
        sendingLog
                .due(sent)
                .ifPresent(rate -> LOG.infof(
                        "digest run %d: %d of its %d digests sent by this process (%.0f/s)",
                        run.id, sent, totals.queued(), rate));
    }

    /** A long run keeps its lease; losing it only means another run may start (deliveries stay unique). */
    private void keepLease() {
        if (!lease.renew(DigestRunner.LEASE, DigestRunner.LEASE_TIME)) {
            LOG.warn("the digest run lease ran out during the run; another run may start alongside");
        }
    }
}
