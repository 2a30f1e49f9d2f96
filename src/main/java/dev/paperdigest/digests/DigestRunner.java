package dev.paperdigest.digests;

import dev.paperdigest.common.InvalidInputException;
import dev.paperdigest.common.JobLease;
import dev.paperdigest.common.NotFoundException;
import dev.paperdigest.common.PatientTransactions;
import dev.paperdigest.common.RetentionConfig;
import dev.paperdigest.common.RunLogContext;
import dev.paperdigest.common.RunStatus;
import dev.paperdigest.common.TableStatistics;
import dev.paperdigest.digests.DeliverySender.Drained;
import dev.paperdigest.digests.DigestQueue.Totals;
import dev.paperdigest.subscriptions.Subscriber;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A digest run: take the new papers into a match round, queue one delivery per due subscriber and
 * period (for those with something new), and send the outbox while it fills. One run at a time
 * across all replicas (a lease in the database); the queueing (shard by shard) and the sending
 * are shared by every replica.
 */
@ApplicationScoped
public class DigestRunner {

    private static final Logger LOG = Logger.getLogger(DigestRunner.class);
    static final String LEASE = "digest-run";
    static final Duration LEASE_TIME = Duration.ofMinutes(30);
    /** How long a shutdown waits for a run to stop (it checks for a stop every couple of seconds). */
    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private final ShardQueueing queueing;
    private final MatchRounds rounds;
    private final DeliverySender sender;
    private final JobLease lease;
    private final ManagedExecutor executor;
    private final QueueShards shards;
    private final TableStatistics statistics;
    private final DeliveryConfig config;
    private final RetentionConfig retention;
    private final DigestRunMetrics metrics;
    private final Clock clock;

    public DigestRunner(
            ShardQueueing queueing,
            MatchRounds rounds,
            DeliverySender sender,
            JobLease lease,
            QueueShards shards,
            TableStatistics statistics,
            ManagedExecutor executor,
            DeliveryConfig config,
            RetentionConfig retention,
            DigestRunMetrics metrics,
            Clock clock) {
        this.shards = shards;
        this.statistics = statistics;
        this.config = config;
        this.retention = retention;
        this.metrics = metrics;
        this.queueing = queueing;
        this.rounds = rounds;
        this.sender = sender;
        this.lease = lease;
        this.executor = executor;
        this.clock = clock;
    }

    /** Records a run and starts it in the background; the caller polls it by id. */
    public DigestRun start(LocalDate periodDate, boolean dryRun) {
        if (periodDate != null) {
            checkWithinWindow(periodDate);
        }
        DigestRun run = QuarkusTransaction.requiringNew().call(() -> create(periodDate, dryRun, false));
        executor.runAsync(RunLogContext.task(logId(run.id), () -> execute(run.id)));
        return run;
    }

    /** How the run's log lines name it. */
    static String logId(long runId) {
        return "digest-" + runId;
    }

    /** How far ahead a run may queue digests: a day within the coming month. */
    static final int MAX_DAYS_AHEAD = 31;

    /**
     * A day older than the retention may have had its deliveries deleted, so a run for it could
     * send a digest twice; a day far ahead is a typo.
     */
    private void checkWithinWindow(LocalDate periodDate) {
        LocalDate oldest = LocalDate.ofInstant(clock.instant().minus(retention.keep()), ZoneOffset.UTC)
                .plusDays(1);
        LocalDate latest = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(MAX_DAYS_AHEAD);
        if (periodDate.isBefore(oldest) || periodDate.isAfter(latest)) {
            throw new InvalidInputException("date must lie from " + oldest + " (digest.retention.keep ago) to " + latest
                    + "; it was " + periodDate);
        }
    }

    /**
     * The scheduled tick: subscribers whose send hour has come, in this thread. Nothing is recorded
     * when nobody is due, or while another run holds the lease.
     */
    public Optional<DigestRun> runScheduled() {
        Instant now = clock.instant();
        if (!QuarkusTransaction.requiringNew().call(() -> Subscriber.anyDue(now))) {
            return Optional.empty();
        }
        if (!lease.tryAcquire(LEASE, LEASE_TIME)) {
            LOG.debug("a digest run is already in progress; this tick is skipped");
            return Optional.empty();
        }
        DigestRun run;
        try {
            run = QuarkusTransaction.requiringNew().call(() -> create(null, false, true));
        } catch (RuntimeException e) {
            lease.release(LEASE);
            throw e;
        }
        RunLogContext.run(logId(run.id), () -> executeThenRelease(run.id));
        return Optional.of(run);
    }

    /** Asks a run to stop at its next page or batch; false if it has already ended. */
    public boolean cancel(long runId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            DigestRun run = find(runId);
            if (run.status != RunStatus.QUEUED && run.status != RunStatus.RUNNING) {
                return false;
            }
            run.cancelRequested = true;
            return true;
        });
    }

    void execute(long runId) {
        Instant giveUp = clock.instant().plus(LEASE_TIME);
        while (!lease.tryAcquire(LEASE, LEASE_TIME)) {
            if (cancelRequested(runId) || clock.instant().isAfter(giveUp)) {
                record(runId, run -> {
                    run.status = RunStatus.CANCELLED;
                    run.error = run.cancelRequested
                            ? "cancelled before it started"
                            : "another digest run held the lock for too long";
                    run.finishedAt = clock.instant();
                });
                return;
            }
            sleep(Duration.ofSeconds(1));
        }
        executeThenRelease(runId);
    }

    /** Runs this process executes, each with what completes when it has ended. */
    private final Map<Long, CompletableFuture<Void>> executing = new ConcurrentHashMap<>();

    /**
     * Runs with the lease this process holds and releases it; the run counts as ended only after the
     * release, so that a shutdown waiting for it does not stop the process before the lease is given up.
     */
    private void executeThenRelease(long runId) {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        executing.put(runId, ended);
        try {
            executeHoldingLease(runId);
        } finally {
            try {
                lease.release(LEASE);
            } finally {
                executing.remove(runId);
                ended.complete(null);
            }
        }
    }

    /**
     * On SIGTERM a run stops as if cancelled: the digests in flight finish, the rest stay queued
     * for the next run, and the lease is released at once instead of when the heartbeat goes stale.
     */
    void onShutdown(@Observes ShutdownEvent event) {
        if (executing.isEmpty()) {
            return;
        }
        executing
                .keySet()
                .forEach(runId -> update(runId, run -> {
                    run.cancelRequested = true;
                    run.error = "stopped: the service shut down; the next run sends the rest";
                }));
        try {
            CompletableFuture.allOf(executing.values().toArray(CompletableFuture[]::new))
                    .get(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("a digest run did not stop within %s of the shutdown", SHUTDOWN_WAIT);
        }
    }

    private void executeHoldingLease(long runId) {
        try {
            Instant now = clock.instant();
            DigestRun run = PatientTransactions.call("starting digest run " + runId, () -> {
                int abandoned = DigestRun.failAbandoned(runId, now);
                if (abandoned > 0) {
                    LOG.warnf("%d digest runs were left running by a process that stopped; marked failed", abandoned);
                }
                DigestRun r = DigestRun.findById(runId);
                r.status = RunStatus.RUNNING;
                r.startedAt = now;
                return r;
            });
            long throughRound = rounds.close(now);
            update(runId, r -> {
                r.throughRound = throughRound;
                r.queuedAsOf = now;
            });
            run.throughRound = throughRound;
            run.queuedAsOf = now;
            shards.create(runId, config.shardSize());
            RunProgress progress =
                    new RunProgress(run, shards, statistics, sender, lease, config.progressLogEvery(), clock);
            CompletableFuture<Drained> sending = run.dryRun
                    ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.supplyAsync(
                            RunLogContext.carried(() -> sender.drain(progress::queueing, progress::cancelled)),
                            executor);
            Totals mine;
            try {
                mine = queueing.queueRun(run, progress);
            } finally {
                progress.queueingEnded();
            }
            Totals totals = shards.totals(runId);
            statistics.refresh("delivery");
            progress.report(true);
            LOG.infof(
                    "digest run %d queued %d digests for %d subscribers in %d s (this process: %d subscribers, %s)",
                    runId,
                    totals.queued(),
                    totals.subscribers(),
                    Duration.between(now, clock.instant()).toSeconds(),
                    mine.subscribers(),
                    mine.split());
            Drained drained = awaitSending(sending, () -> progress.reportSending(totals));
            DigestRun ended = record(runId, r -> {
                r.sent = (int) Delivery.countOfRun(runId, DeliveryStatus.SENT);
                r.failed = (int) Delivery.countOfRun(runId, DeliveryStatus.FAILED);
                r.progress = 1.0;
                r.status = r.cancelRequested ? RunStatus.CANCELLED : RunStatus.SUCCEEDED;
                r.error = drained != null && drained.paused()
                        ? "sending paused: the SMTP server did not answer; the rest waits in the outbox"
                        : r.error;
                r.finishedAt = clock.instant();
                LOG.infof(
                        "digest run %d %s in %d s: %d subscribers looked at, %d digests queued (%d papers matched), "
                                + "%d of them sent and %d failed; this process sent %d digests in all",
                        runId,
                        r.status,
                        Duration.between(now, r.finishedAt).toSeconds(),
                        totals.subscribers(),
                        totals.queued(),
                        totals.matched(),
                        r.sent,
                        r.failed,
                        drained == null ? 0 : drained.sent());
            });
            metrics.runEnded(ended.status, Duration.between(ended.startedAt, ended.finishedAt));
        } catch (RuntimeException e) {
            LOG.error("digest run " + runId + " failed", e);
            DigestRun failed = record(runId, run -> {
                run.status = RunStatus.FAILED;
                run.error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                run.finishedAt = clock.instant();
            });
            Instant started = failed.startedAt == null ? failed.createdAt : failed.startedAt;
            metrics.runEnded(failed.status, Duration.between(started, failed.finishedAt));
        }
    }

    /**
     * The outbox poll of every process: queue shards of a run another process started, so replicas
     * share the matching as they share the sending.
     */
    public void joinRunningRuns() {
        queueing.joinRunningRuns(JobLease.OWNER);
    }

    /** Ends the runs of processes that died: see {@link DigestRun#failOrphans}. */
    public int failOrphans() {
        int failed = QuarkusTransaction.requiringNew().call(() -> DigestRun.failOrphans(clock.instant()));
        if (failed > 0) {
            LOG.warnf("%d digest run(s) of a process that stopped marked FAILED", failed);
        }
        return failed;
    }

    /** Waits for the run's sending to end, reporting progress every few seconds meanwhile. */
    private static Drained awaitSending(CompletableFuture<Drained> sending, Runnable report) {
        while (true) {
            try {
                return sending.get(RunProgress.REPORT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillSending) {
                report.run();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime
                        ? runtime
                        : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during a digest run", e);
            }
        }
    }

    private DigestRun create(LocalDate periodDate, boolean dryRun, boolean scheduled) {
        DigestRun run = new DigestRun();
        run.status = RunStatus.QUEUED;
        run.periodDate = periodDate;
        run.dryRun = dryRun;
        run.scheduled = scheduled;
        run.owner = JobLease.OWNER;
        run.createdAt = clock.instant();
        run.persist();
        return run;
    }

    public DigestRun get(long id) {
        return load(id);
    }

    static DigestRun load(long id) {
        return QuarkusTransaction.requiringNew().call(() -> find(id));
    }

    private static DigestRun find(long id) {
        DigestRun run = DigestRun.findById(id);
        if (run == null) {
            throw new NotFoundException("digest run " + id);
        }
        return run;
    }

    static boolean cancelRequested(long runId) {
        return QuarkusTransaction.requiringNew().call(() -> find(runId).cancelRequested);
    }

    /** Changes the run in a transaction of its own; returns it as changed. */
    static DigestRun update(long runId, Consumer<DigestRun> change) {
        return QuarkusTransaction.requiringNew().call(() -> {
            DigestRun run = DigestRun.findById(runId);
            change.accept(run);
            return run;
        });
    }

    /**
     * Records how the run ended (or began), waiting for a database that is away: a run whose end is
     * lost stays RUNNING in every list.
     */
    static DigestRun record(long runId, Consumer<DigestRun> change) {
        return PatientTransactions.call("recording digest run " + runId, () -> {
            DigestRun run = DigestRun.findById(runId);
            change.accept(run);
            return run;
        });
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a digest run", e);
        }
    }
}
