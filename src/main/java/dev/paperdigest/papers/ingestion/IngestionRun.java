package dev.paperdigest.papers.ingestion;

import dev.paperdigest.common.ImportReport;
import dev.paperdigest.common.JobLease;
import dev.paperdigest.common.ProcessHeartbeat;
import dev.paperdigest.common.RunStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One run of a source (or one file import): what it asked for, what it did, how it ended. */
@Entity
public class IngestionRun extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ingestion_run_seq")
    @SequenceGenerator(name = "ingestion_run_seq", sequenceName = "ingestion_run_seq", allocationSize = 50)
    public Long id;

    public String source;

    @Enumerated(EnumType.STRING)
    public RunStatus status;
    /** The day asked for; null: everything new since the last successful run. */
    public LocalDate requestedDate;

    public boolean scheduled;
    public String owner;
    public int fetched;
    public int created;
    public int updated;
    public int skipped;
    /** Entries rejected (listed in {@link #rejections}); the column and the API's field are still called "failed". */
    @Column(name = "failed")
    public int rejected;

    public int requests;
    public double progress;
    /** The oldest point in time this run asked upstream for. */
    public Instant cursorFrom;
    /** The rejected entries, capped (see {@link RejectionLines}). */
    @Convert(converter = RejectionLines.class)
    public List<ImportReport.Rejection> rejections = new ArrayList<>();

    public String error;
    /** An operator asked the run to stop; whichever process runs it ends it CANCELLED. */
    public boolean cancelRequested;

    public Instant createdAt;
    public Instant startedAt;
    public Instant finishedAt;

    /** Records a new run of {@code source}, queued by this process. */
    static IngestionRun queue(String source, LocalDate requestedDate, boolean scheduled, Instant now) {
        IngestionRun run = new IngestionRun();
        run.source = source;
        run.status = RunStatus.QUEUED;
        run.requestedDate = requestedDate;
        run.scheduled = scheduled;
        run.owner = JobLease.OWNER;
        run.createdAt = now;
        run.persist();
        return run;
    }

    /** Takes over the counts of what the run has done so far. */
    void count(int fetchedSoFar, ImportReport totals) {
        fetched = fetchedSoFar;
        created = totals.created;
        updated = totals.updated;
        skipped = totals.skipped;
        rejected = totals.rejectedCount();
        rejections = RejectionLines.listed(totals);
    }

    void end(RunStatus finalStatus, String why, Instant now) {
        status = finalStatus;
        error = why;
        finishedAt = now;
    }

    static final String ORPHANED = "interrupted: the process running it stopped";

    /**
     * Fails the runs, queued or running, of processes whose heartbeat has stopped: nobody will end
     * them. The next catch-up run fetches their stretch again.
     */
    static int failOrphans(Instant now) {
        return ProcessHeartbeat.failRunsOfDeadProcesses(getEntityManager(), "ingestion_run", ORPHANED, now);
    }

    /** The newest successful catch-up run (not a run for a given day) of a source. */
    public static Optional<IngestionRun> lastSuccessfulCatchUp(String source) {
        return find(
                        "source = ?1 and status = ?2 and requestedDate is null",
                        Sort.by("startedAt", Sort.Direction.Descending),
                        source,
                        RunStatus.SUCCEEDED)
                .firstResultOptional();
    }

    /** Whether an operator asked run {@code id} to stop. */
    static boolean cancelRequested(long id) {
        return find("select cancelRequested from IngestionRun where id = ?1", id)
                .project(Boolean.class)
                .firstResultOptional()
                .orElse(false);
    }

    /** Asks a queued or running run to stop; false if it has already ended. */
    boolean requestCancel() {
        if (status != RunStatus.QUEUED && status != RunStatus.RUNNING) {
            return false;
        }
        cancelRequested = true;
        return true;
    }

    public static List<IngestionRun> listUnfinished(String source) {
        return list("source = ?1 and status in ?2", source, List.of(RunStatus.QUEUED, RunStatus.RUNNING));
    }
}
