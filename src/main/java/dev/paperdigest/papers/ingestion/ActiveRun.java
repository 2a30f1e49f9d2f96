package dev.paperdigest.papers.ingestion;

import dev.paperdigest.common.ImportReport;
import dev.paperdigest.common.ProgressRate;
import dev.paperdigest.common.RunStatus;
import dev.paperdigest.papers.PaperStore;
import dev.paperdigest.papers.sources.SourceRun;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.BooleanSupplier;

/**
 * A run in progress, as its source sees it: the counts are kept in memory and written to the
 * run's row every {@link #REPORT_EVERY} (with a log line and a renewal of the source's lease) and
 * when the run ends.
 */
final class ActiveRun implements SourceRun {

    private static final Logger LOG = Logger.getLogger(ActiveRun.class);
    static final Duration REPORT_EVERY = Duration.ofSeconds(5);

    final long id;
    final String source;
    private final LocalDate requestedDate;
    private final Optional<Instant> lastSuccess;
    private final Instant startedAt;
    private final PaperStore store;
    private final IngestionMetrics metrics;
    private final Clock clock;
    private final BooleanSupplier renewLease;
    private final BooleanSupplier mustStop;
    final ImportReport totals = new ImportReport();
    private final List<String> documentErrors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    int fetched;
    private int requests;
    private double progress;
    private Instant cursorFrom;
    private final ProgressRate fetching;

    /**
     * @param renewLease renews the source's lease; false when another replica has taken it
     * @param mustStop whether the run has to stop: the service is stopping, or an operator cancelled it
     */
    ActiveRun(
            IngestionRun row,
            Optional<Instant> lastSuccess,
            PaperStore store,
            IngestionMetrics metrics,
            Clock clock,
            BooleanSupplier renewLease,
            BooleanSupplier mustStop) {
        this.id = row.id;
        this.source = row.source;
        this.requestedDate = row.requestedDate;
        this.startedAt = row.startedAt;
        this.lastSuccess = lastSuccess;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.renewLease = renewLease;
        this.mustStop = mustStop;
        this.fetching = new ProgressRate(REPORT_EVERY, clock);
    }

    /** What the run asks for, for the log. */
    String describe() {
        return requestedDate == null
                ? "everything since " + lastSuccess.map(Instant::toString).orElse("ever")
                : "day " + requestedDate;
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

    @Override
    public void checkCancelled() throws InterruptedException {
        if (mustStop.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("stopping");
        }
    }

    @Override
    public Document document(String label) {
        return new RunDocument(store, this, label);
    }

    /** A document broke at run-wide index {@code index}: the run goes on, and ends FAILED. */
    void documentFailed(int index, String message) {
        documentErrors.add(message);
        totals.reject(index, message);
    }

    void maybeReport() {
        OptionalDouble rate = fetching.due(fetched);
        if (rate.isPresent()) {
            LOG.infof(
                    "ingestion run %d of %s: %d fetched (%.0f/s), %d created, %d updated, %d rejected, %.0f%% done",
                    id,
                    source,
                    fetched,
                    rate.getAsDouble(),
                    totals.created,
                    totals.updated,
                    totals.rejectedCount(),
                    progress * 100);
            save(null, null);
            if (!renewLease.getAsBoolean()) {
                throw new IllegalStateException(
                        "lease " + IngestionService.leaseName(source) + " lost: another replica took over");
            }
        }
    }

    /** The source is done: SUCCEEDED, or FAILED when a document broke. */
    void end() {
        String warned = warnings.isEmpty() ? null : String.join("\n", warnings);
        if (documentErrors.isEmpty()) {
            finish(RunStatus.SUCCEEDED, warned);
        } else {
            finish(RunStatus.FAILED, String.join("\n", documentErrors) + (warned == null ? "" : "\n" + warned));
        }
    }

    void finish(RunStatus status, String error) {
        if (status == RunStatus.SUCCEEDED) {
            progress = 1;
        }
        save(status, error);
        metrics.ingested(source, totals);
        metrics.runEnded(source, status, Duration.between(startedAt, clock.instant()));
        LOG.infof(
                "ingestion run %d of %s %s: %d fetched, %d created, %d updated, %d skipped, %d rejected, %d requests%s",
                id,
                source,
                status,
                fetched,
                totals.created,
                totals.updated,
                totals.skipped,
                totals.rejectedCount(),
                requests,
                error == null ? "" : " (" + error.replace('\n', ';') + ")");
    }

    private void save(RunStatus status, String error) {
        QuarkusTransaction.requiringNew().run(() -> {
            IngestionRun run = IngestionRun.findById(id);
            run.count(fetched, totals);
            run.requests = requests;
            run.progress = progress;
            run.cursorFrom = cursorFrom;
            if (status != null) {
                run.end(status, error, clock.instant());
            }
        });
    }
}
