package dev.paperdigest.papers.ingestion;

import dev.paperdigest.common.AlreadyRunningException;
import dev.paperdigest.common.ConflictException;
import dev.paperdigest.common.InvalidInputException;
import dev.paperdigest.common.JobLease;
import dev.paperdigest.common.NotFoundException;
import dev.paperdigest.common.RunLogContext;
import dev.paperdigest.common.RunStatus;
import dev.paperdigest.papers.PaperStore;
import dev.paperdigest.papers.sources.PaperSource;
import dev.paperdigest.papers.sources.UpstreamException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts and records ingestion runs. One source never runs twice at once: within the process a
 * second start is refused at once, across replicas the {@link JobLease} {@code ingestion:SOURCE}
 * refuses it ({@link AlreadyRunningException}: 409 for a start by hand; a scheduled tick is
 * skipped). A run executes on a thread of Quarkus's managed executor; the caller gets its id at
 * once.
 *
 * <p>While it goes, a run is an {@link ActiveRun}: counts, progress and a log line are written
 * every few seconds. Each document's papers are stored in batches ({@link RunDocument}), a batch
 * in one transaction, so no paper is ever half-written. A run whose document broke keeps the good
 * entries and ends FAILED, so the next catch-up run (which starts from the last SUCCEEDED one)
 * fetches that stretch again.
 */
@ApplicationScoped
public class IngestionService {

    private static final Logger LOG = Logger.getLogger(IngestionService.class);
    static final Duration LEASE = Duration.ofMinutes(10);

    private final Map<String, PaperSource> sources = new TreeMap<>();
    private final PaperStore store;
    private final IngestionMetrics metrics;
    private final JobLease lease;
    private final Clock clock;
    private final ManagedExecutor executor;
    private final Map<String, Long> runningHere = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Void>> futures = new ConcurrentHashMap<>();
    /** The threads running this process's runs, to interrupt on shutdown. */
    private final Map<Long, Thread> threads = new ConcurrentHashMap<>();

    private volatile boolean stopping;

    public IngestionService(
            Instance<PaperSource> all,
            PaperStore store,
            IngestionMetrics metrics,
            JobLease lease,
            ManagedExecutor executor,
            Clock clock) {
        all.forEach(source -> sources.put(source.name(), source));
        this.store = store;
        this.metrics = metrics;
        this.lease = lease;
        this.executor = executor;
        this.clock = clock;
    }

    /** Interrupts the runs of this process and waits a little for them to record how they ended. */
    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        // interrupted only while the run still holds its thread: the pool's threads outlive the run
        threads.keySet()
                .forEach(id -> threads.computeIfPresent(id, (key, thread) -> {
                    thread.interrupt();
                    return thread;
                }));
        try {
            CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new))
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("ingestion runs still stopping: %s", e.getMessage());
        }
    }

    public List<String> sourceNames() {
        return List.copyOf(sources.keySet());
    }

    public static String leaseName(String source) {
        return "ingestion:" + source;
    }

    /** arXiv's first day: nothing older exists upstream. */
    static final LocalDate FIRST_DAY = LocalDate.of(1991, 8, 14);

    private void checkWithinWindow(LocalDate date) {
        LocalDate tomorrow =
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
        if (date.isBefore(FIRST_DAY) || date.isAfter(tomorrow)) {
            throw new InvalidInputException("date must lie from " + FIRST_DAY + " to " + tomorrow + "; it was " + date);
        }
    }

    /**
     * Starts a run of a source.
     *
     * @param date the day to fetch; null: everything new since the last successful run
     * @return the run's id
     * @throws InvalidInputException for an unknown source or a date outside the window
     * @throws ConflictException when the source is disabled
     * @throws AlreadyRunningException when the source is already running, here or on another replica
     */
    public long start(String sourceName, LocalDate date, boolean scheduled) {
        PaperSource source = sources.get(sourceName);
        if (source == null) {
            throw new InvalidInputException("unknown source \"" + sourceName + "\": one of " + sources.keySet());
        }
        if (date != null) {
            checkWithinWindow(date);
        }
        if (!source.enabled()) {
            throw new ConflictException(
                    "source " + sourceName + " is disabled (digest.sources." + sourceName + ".enabled=false)");
        }
        if (runningHere.putIfAbsent(sourceName, -1L) != null) {
            throw running(sourceName, runningHere.get(sourceName));
        }
        boolean leased = false;
        try {
            leased = lease.tryAcquire(leaseName(sourceName), LEASE);
            if (!leased) {
                throw running(sourceName, null);
            }
            Instant now = clock.instant();
            IngestionRun run = QuarkusTransaction.requiringNew().call(() -> {
                // we hold the lease: any other unfinished run of this source belongs to a process that died
                for (IngestionRun stale : IngestionRun.listUnfinished(sourceName)) {
                    stale.end(RunStatus.FAILED, IngestionRun.ORPHANED, now);
                }
                return IngestionRun.queue(sourceName, date, scheduled, now);
            });
            runningHere.put(sourceName, run.id);
            long id = run.id;
            CompletableFuture<Void> future =
                    executor.runAsync(RunLogContext.task(logId(id), () -> execute(source, id)));
            futures.put(id, future);
            future.whenComplete((done, failure) -> futures.remove(id));
            return id;
        } catch (RuntimeException e) {
            if (leased) {
                lease.release(leaseName(sourceName));
            }
            runningHere.remove(sourceName);
            throw e;
        }
    }

    /** How the run's log lines name it. */
    static String logId(long runId) {
        return "ingestion-" + runId;
    }

    private static AlreadyRunningException running(String source, Long id) {
        return new AlreadyRunningException("source " + source + " is already running"
                + (id != null && id > 0 ? " (run " + id + ")" : " (on another replica)")
                + "; start it again once that run has finished");
    }

    /** Waits for a run started in this process to finish (tests and benchmarks). */
    public void await(long id, Duration timeout) throws Exception {
        CompletableFuture<Void> future = futures.get(id);
        if (future != null) {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Asks a run to stop at its next upstream page or day, on whichever replica runs it; what it
     * stored stays, and the next catch-up run fetches that stretch again.
     *
     * @return false when the run has already ended
     * @throws NotFoundException when there is no such run
     */
    public boolean cancel(long id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> IngestionRun.<IngestionRun>findByIdOptional(id)
                        .orElseThrow(() -> new NotFoundException("ingestion run " + id))
                        .requestCancel());
    }

    public Optional<IngestionRun> find(long id) {
        return QuarkusTransaction.requiringNew().call(() -> IngestionRun.<IngestionRun>findByIdOptional(id));
    }

    private void execute(PaperSource source, long id) {
        String name = source.name();
        ActiveRun run = null;
        threads.put(id, Thread.currentThread());
        try {
            run = QuarkusTransaction.requiringNew().call(() -> {
                IngestionRun row = IngestionRun.findById(id);
                row.status = RunStatus.RUNNING;
                row.startedAt = clock.instant();
                Optional<Instant> last =
                        IngestionRun.lastSuccessfulCatchUp(name).map(r -> r.startedAt);
                return new ActiveRun(
                        row,
                        last,
                        store,
                        metrics,
                        clock,
                        () -> lease.renew(leaseName(name), LEASE),
                        () -> stopping || cancelRequested(id));
            });
            LOG.infof("ingestion run %d of %s started (%s)", id, name, run.describe());
            source.fetch(run);
            run.end();
        } catch (InterruptedException e) {
            finish(
                    run,
                    id,
                    name,
                    RunStatus.CANCELLED,
                    stopping ? "cancelled: the service is stopping" : "cancelled by an operator");
        } catch (UpstreamException e) {
            LOG.warnf("ingestion run %d of %s failed: %s", id, name, e.getMessage());
            finish(run, id, name, RunStatus.FAILED, e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "ingestion run %d of %s failed", id, name);
            finish(
                    run,
                    id,
                    name,
                    stopping ? RunStatus.CANCELLED : RunStatus.FAILED,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            try {
                lease.release(leaseName(name));
            } catch (RuntimeException e) {
                LOG.warnf("lease %s not released (it runs out by itself): %s", leaseName(name), e.getMessage());
            }
            runningHere.remove(name, id);
            threads.remove(id);
            Thread.interrupted(); // a stop that came late must not reach the pool's next task
        }
    }

    private static boolean cancelRequested(long id) {
        return QuarkusTransaction.requiringNew().call(() -> IngestionRun.cancelRequested(id));
    }

    private void finish(ActiveRun run, long id, String source, RunStatus status, String error) {
        try {
            if (run != null) {
                run.finish(status, error);
            } else {
                Instant started = QuarkusTransaction.requiringNew().call(() -> {
                    IngestionRun row = IngestionRun.findById(id);
                    row.end(status, error, clock.instant());
                    return row.startedAt == null ? row.createdAt : row.startedAt;
                });
                metrics.runEnded(source, status, Duration.between(started, clock.instant()));
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "ingestion run %d: final state %s not recorded", id, status);
        }
    }
}
