package dev.paperdigest.papers.ingestion;

import dev.paperdigest.common.AlreadyRunningException;
import dev.paperdigest.common.ConflictException;
import dev.paperdigest.common.InvalidInputException;
import dev.paperdigest.common.JobLease;
import dev.paperdigest.common.ImportReport;
import dev.paperdigest.common.RunStatus;
import dev.paperdigest.papers.PaperRecord;
import dev.paperdigest.papers.PaperStore;
import dev.paperdigest.papers.sources.PaperSource;
import dev.paperdigest.papers.sources.SourceRun;
import dev.paperdigest.papers.sources.UpstreamException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Starts and records ingestion runs. One source never runs twice at once: within the process a
 * second start is refused at once, across replicas the {@link JobLease} {@code ingestion:SOURCE}
 * refuses it ({@link AlreadyRunningException}: 409 for a start by hand; a scheduled tick is
 * skipped). A run executes on a thread of Quarkus's managed executor; the caller gets its id at
 * once.
 *
 * <p>Each batch of papers is stored in one transaction, so no paper is ever half-written; counts,
 * progress and a log line are written every few seconds while a run goes. A run whose document
 * broke keeps the good entries and ends FAILED, so the next catch-up run (which starts from the
 * last SUCCEEDED one) fetches that stretch again.
 */
@ApplicationScoped
public class IngestionService {

    private static final Logger LOG = Logger.getLogger(IngestionService.class);
    static final Duration LEASE = Duration.ofMinutes(10);
    static final Duration REPORT_EVERY = Duration.ofSeconds(5);
    static final int BATCH_SIZE = 500;
    static final int MAX_REJECTION_LINES = 200;

    private final Map<String, PaperSource> sources = new TreeMap<>();
    private final PaperStore store;
    private final JobLease lease;
    private final Clock clock;
    private final ManagedExecutor executor;
    private final Map<String, Long> runningHere = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Void>> futures = new ConcurrentHashMap<>();
    /** The threads running this process's runs, to interrupt on shutdown. */
    private final Map<Long, Thread> threads = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    public IngestionService(Instance<PaperSource> all, PaperStore store, JobLease lease, ManagedExecutor executor,
            Clock clock) {
        all.forEach(source -> sources.put(source.name(), source));
        this.store = store;
        this.lease = lease;
        this.executor = executor;
        this.clock = clock;
    }

    /** Interrupts the runs of this process and waits a little for them to record how they ended. */
    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        // interrupted only while the run still holds its thread: the pool's threads outlive the run
        threads.keySet().forEach(id -> threads.computeIfPresent(id, (key, thread) -> {
            thread.interrupt();
            return thread;
        }));
        try {
            CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
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
        LocalDate tomorrow = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
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
                    stale.status = RunStatus.FAILED;
                    stale.error = "interrupted: the process running it stopped";
                    stale.finishedAt = now;
                }
                IngestionRun created = new IngestionRun();
                created.source = sourceName;
                created.status = RunStatus.QUEUED;
                created.requestedDate = date;
                created.scheduled = scheduled;
                created.owner = JobLease.OWNER;
                created.createdAt = now;
                created.persist();
                return created;
            });
            runningHere.put(sourceName, run.id);
            long id = run.id;
            CompletableFuture<Void> future = executor.runAsync(() -> execute(source, id));
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

    public Optional<IngestionRun> find(long id) {
        return QuarkusTransaction.requiringNew().call(() -> IngestionRun.<IngestionRun>findByIdOptional(id));
    }

    private void execute(PaperSource source, long id) {
        String name = source.name();
        RunState state = null;
        threads.put(id, Thread.currentThread());
        try {
            state = QuarkusTransaction.requiringNew().call(() -> {
                IngestionRun run = IngestionRun.findById(id);
                run.status = RunStatus.RUNNING;
                run.startedAt = clock.instant();
                Optional<Instant> last = IngestionRun.lastSuccessfulCatchUp(name).map(r -> r.startedAt);
                return new RunState(id, name, run.requestedDate, last, run.startedAt);
            });
            LOG.infof("ingestion run %d of %s started (%s)", id, name,
                    state.requestedDate == null ? "everything since " + state.lastSuccess.map(Instant::toString).orElse("ever")
                            : "day " + state.requestedDate);
            source.fetch(state);
            state.finish(state.documentErrors.isEmpty() ? RunStatus.SUCCEEDED : RunStatus.FAILED,
                    state.documentErrors.isEmpty() ? state.warnings() : String.join("\n", state.documentErrors)
                            + (state.warnings.isEmpty() ? "" : "\n" + state.warnings()));
        } catch (InterruptedException e) {
            finish(state, id, RunStatus.CANCELLED, "cancelled: the service is stopping");
        } catch (UpstreamException e) {
            LOG.warnf("ingestion run %d of %s failed: %s", id, name, e.getMessage());
            finish(state, id, RunStatus.FAILED, e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "ingestion run %d of %s failed", id, name);
            finish(state, id, stopping ? RunStatus.CANCELLED : RunStatus.FAILED,
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

    private void finish(RunState state, long id, RunStatus status, String error) {
        try {
            if (state != null) {
                state.finish(status, error);
            } else {
                QuarkusTransaction.requiringNew().run(() -> {
                    IngestionRun run = IngestionRun.findById(id);
                    run.status = status;
                    run.error = error;
                    run.finishedAt = clock.instant();
                });
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "ingestion run %d: final state %s not recorded", id, status);
        }
    }

    /** The run as its source sees it; counts in memory, written to its row every few seconds. */
    final class RunState implements SourceRun {
        final long id;
        final String source;
        final LocalDate requestedDate;
        final Optional<Instant> lastSuccess;
        final Instant startedAt;
        final ImportReport totals = new ImportReport();
        final List<String> documentErrors = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        int fetched;
        int requests;
        double progress;
        Instant cursorFrom;
        Instant lastReport;

        RunState(long id, String source, LocalDate requestedDate, Optional<Instant> lastSuccess, Instant startedAt) {
            this.id = id;
            this.source = source;
            this.requestedDate = requestedDate;
            this.lastSuccess = lastSuccess;
            this.startedAt = startedAt;
            this.lastReport = clock.instant();
        }

        @Override
        public Optional<LocalDate> requestedDate() {
            return Optional.ofNullable(requestedDate);
        }

        @Override
        public Optional<Instant> lastSuccessStartedAt() {
            return lastSuccess;
        }

        @Override
        public Instant startedAt() {
            return startedAt;
        }

        @Override
        public void cursorFrom(Instant from) {
            cursorFrom = from;
        }

        @Override
        public void requestMade() {
            requests++;
        }

        @Override
        public void progress(double fraction) {
            progress = Math.max(progress, Math.min(1, fraction));
            maybeReport();
        }

        @Override
        public void warn(String message) {
            warnings.add(message);
        }

        String warnings() {
            return warnings.isEmpty() ? null : String.join("\n", warnings);
        }

        @Override
        public void checkCancelled() throws InterruptedException {
            if (stopping || Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopping");
            }
        }

        @Override
        public Document document(String label) {
            return new DocumentWriter(label, fetched);
        }

        void maybeReport() {
            Instant now = clock.instant();
            if (Duration.between(lastReport, now).compareTo(REPORT_EVERY) >= 0) {
                lastReport = now;
                LOG.infof("ingestion run %d of %s: %d fetched, %d created, %d updated, %d rejected, %.0f%%",
                        id, source, fetched, totals.created, totals.updated, totals.rejected.size(), progress * 100);
                save(null, null);
                if (!lease.renew(leaseName(source), LEASE)) {
                    throw new IllegalStateException("lease " + leaseName(source) + " lost: another replica took over");
                }
            }
        }

        void finish(RunStatus status, String error) {
            if (status == RunStatus.SUCCEEDED) {
                progress = 1;
            }
            save(status, error);
            LOG.infof("ingestion run %d of %s %s: %d fetched, %d created, %d updated, %d skipped, %d rejected, %d requests%s",
                    id, source, status, fetched, totals.created, totals.updated, totals.skipped,
                    totals.rejected.size(), requests, error == null ? "" : " (" + error.replace('\n', ';') + ")");
        }

        private void save(RunStatus status, String error) {
            QuarkusTransaction.requiringNew().run(() -> {
                IngestionRun run = IngestionRun.findById(id);
                run.fetched = fetched;
                run.created = totals.created;
                run.updated = totals.updated;
                run.skipped = totals.skipped;
                run.rejected = totals.rejected.size();
                run.requests = requests;
                run.progress = progress;
                run.cursorFrom = cursorFrom;
                run.rejections = rejectionLines();
                if (status != null) {
                    run.status = status;
                    run.error = error;
                    run.finishedAt = clock.instant();
                }
            });
        }

        private String rejectionLines() {
            if (totals.rejected.isEmpty()) {
                return null;
            }
            StringBuilder lines = new StringBuilder();
            int n = 0;
            for (ImportReport.Rejection rejection : totals.rejected) {
                if (n++ == MAX_REJECTION_LINES) {
                    lines.append("-1\t").append(totals.rejected.size() - MAX_REJECTION_LINES).append(" more not listed\n");
                    break;
                }
                lines.append(rejection.index()).append('\t').append(rejection.reason().replace('\n', ' ')).append('\n');
            }
            return lines.toString();
        }

        /** Batches one document's entries into the store; rejections carry the run-wide index. */
        final class DocumentWriter implements Document {
            private final String label;
            private final int offset;
            private final List<PaperStore.Indexed> batch = new ArrayList<>(BATCH_SIZE);
            private int entries;

            DocumentWriter(String label, int offset) {
                this.label = label;
                this.offset = offset;
            }

            @Override
            public void accept(int index, PaperRecord record) {
                seen(index);
                batch.add(new PaperStore.Indexed(offset + index, record));
                if (batch.size() >= BATCH_SIZE) {
                    flush();
                }
            }

            @Override
            public void reject(int index, String reason) {
                seen(index);
                totals.received++;
                totals.reject(offset + index, label + ", entry " + index + ": " + reason);
            }

            private void seen(int index) {
                if (index + 1 > entries) {
                    fetched += index + 1 - entries;
                    entries = index + 1;
                }
            }

            @Override
            public void failed(String problem) {
                String message = label + ": " + problem + " (entries before it kept)";
                documentErrors.add(message);
                totals.reject(offset + entries, message);
            }

            @Override
            public int entries() {
                return entries;
            }

            private void flush() {
                if (batch.isEmpty()) {
                    return;
                }
                ImportReport stored = store.upsertIndexed(batch);
                for (int i = 0; i < stored.rejected.size(); i++) {
                    ImportReport.Rejection rejection = stored.rejected.get(i);
                    stored.rejected.set(i, new ImportReport.Rejection(rejection.index(),
                            label + ", entry " + (rejection.index() - offset) + ": " + rejection.reason()));
                }
                totals.add(stored);
                batch.clear();
                maybeReport();
            }

            @Override
            public void close() {
                flush();
            }
        }
    }
}
