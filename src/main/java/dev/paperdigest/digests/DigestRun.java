package dev.paperdigest.digests;

import dev.paperdigest.common.ProcessHeartbeat;
import dev.paperdigest.common.RunStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;

import java.time.Instant;
import java.time.LocalDate;

/** One pass of match → queue → send, started by the schedule or by an operator. */
@Entity
public class DigestRun extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "digest_run_seq")
    @SequenceGenerator(name = "digest_run_seq", sequenceName = "digest_run_seq", allocationSize = 50)
    public Long id;

    @Enumerated(EnumType.STRING)
    public RunStatus status;
    /** The period asked for; null means today in each subscriber's zone. */
    public LocalDate periodDate;

    public boolean dryRun;
    /** A scheduled run waits for each subscriber's send hour; a manual one does not. */
    public boolean scheduled;

    public int subscribers;
    public int matched;
    public int queued;
    public int sent;
    public int failed;
    public double progress;
    public String error;
    /** An operator asked it to stop; it does at its next page of subscribers or batch of digests. */
    public boolean cancelRequested;
    /** The last match round this run's digests take into account; set when it starts. */
    public Long throughRound;
    /** The instant the run decides who is due as of, whichever process queues a shard. */
    public Instant queuedAsOf;

    /** The process that created the run and runs it (JobLease.OWNER). */
    public String owner;

    public Instant createdAt;
    public Instant startedAt;
    public Instant finishedAt;

    static final String ORPHANED = "the process running it stopped before it finished";

    /**
     * Fails the runs, queued or running, of processes whose heartbeat has stopped: nobody will end
     * them. What they queued is sent by the outbox; who they had not queued yet, by the next run.
     */
    static int failOrphans(Instant now) {
        return ProcessHeartbeat.failRunsOfDeadProcesses(getEntityManager(), "digest_run", ORPHANED, now);
    }

    /**
     * Fails the runs left RUNNING by a process that stopped. Only the holder of the digest-run
     * lease runs, so when it starts {@code current}, any other run marked RUNNING is dead.
     */
    static int failAbandoned(long current, Instant now) {
        return update(
                "status = ?1, error = ?2, finishedAt = ?3 where status = ?4 and id <> ?5",
                RunStatus.FAILED,
                ORPHANED,
                now,
                RunStatus.RUNNING,
                current);
    }

    /** Deletes up to {@code limit} runs that ended before {@code cutoff}. */
    static int deleteEndedBefore(Instant cutoff, int limit) {
        return getEntityManager()
                .createNativeQuery("DELETE FROM digest_run WHERE id IN (SELECT id FROM digest_run "
                        + "WHERE finished_at < ?1 ORDER BY finished_at LIMIT ?2)")
                .setParameter(1, cutoff)
                .setParameter(2, limit)
                .executeUpdate();
    }
}
