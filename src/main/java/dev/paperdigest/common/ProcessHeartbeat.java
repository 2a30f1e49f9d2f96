package dev.paperdigest.common;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * This process's sign of life in the database ({@code process_heartbeat}), written at start and
 * every 10 seconds. What a process holds (a job lease, outbox claims, a queue shard) is
 * free for the others as soon as its heartbeat is older than {@link #DEAD_AFTER}: a process killed
 * in the middle of a run no longer blocks the next one for as long as its lease or claims were
 * meant to last, and a restarted process (a new owner) recognises its former self as dead.
 */
@ApplicationScoped
public class ProcessHeartbeat {

    private static final Logger LOG = Logger.getLogger(ProcessHeartbeat.class);

    /** Six missed beats (one every 10 s): long enough for a full GC or a slow database, short enough to resume soon after a crash. */
    public static final Duration DEAD_AFTER = Duration.ofSeconds(60);
    /** Rows of processes gone this long are deleted. */
    static final Duration FORGOTTEN_AFTER = Duration.ofDays(1);

    /**
     * SQL condition on an owner column: it names another process whose heartbeat stopped before
     * the instant bound to {@code nowParameter}; {@code meParameter} takes {@link JobLease#OWNER}, so
     * that this process never counts as dead to itself, even when its own beat could not be written.
     */
    public static String deadOther(String ownerColumn, String meParameter, String nowParameter) {
        return ownerColumn + " <> " + meParameter + " AND " + ownerColumn
                + " NOT IN (SELECT owner FROM process_heartbeat WHERE alive_until >= " + nowParameter + ")";
    }

    /**
     * Fails the queued or running runs in {@code runTable} (with columns status, error, finished_at
     * and owner) of processes other than this one whose heartbeat has stopped.
     *
     * @return how many runs were failed
     */
    public static int failRunsOfDeadProcesses(EntityManager em, String runTable, String why, Instant now) {
        return em.createNativeQuery("UPDATE " + runTable + " SET status = 'FAILED', error = ?1, finished_at = ?2 "
                        + "WHERE status IN ('QUEUED', 'RUNNING') AND " + deadOther("owner", "?3", "?2"))
                .setParameter(1, why)
                .setParameter(2, now)
                .setParameter(3, JobLease.OWNER)
                .executeUpdate();
    }

    private final EntityManager em;
    private final Clock clock;

    public ProcessHeartbeat(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** Before anything is claimed: the first beat is written while the service starts. */
    void onStart(@Observes StartupEvent event) {
        beat();
    }

    @Scheduled(identity = "process-heartbeat", every = "10s", delayed = "10s")
    void scheduledBeat() {
        try {
            beat();
        } catch (RuntimeException e) {
            LOG.warnf(
                    "heartbeat not written (%s); other processes take over what this one holds after %s",
                    e, DEAD_AFTER);
        }
    }

    void beat() {
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> {
            int updated = em.createNativeQuery("UPDATE process_heartbeat SET alive_until = ?1 WHERE owner = ?2")
                    .setParameter(1, now.plus(DEAD_AFTER))
                    .setParameter(2, JobLease.OWNER)
                    .executeUpdate();
            if (updated == 0) {
                em.createNativeQuery("INSERT INTO process_heartbeat (owner, alive_until) VALUES (?1, ?2)")
                        .setParameter(1, JobLease.OWNER)
                        .setParameter(2, now.plus(DEAD_AFTER))
                        .executeUpdate();
            }
            em.createNativeQuery("DELETE FROM process_heartbeat WHERE alive_until < ?1")
                    .setParameter(1, now.minus(FORGOTTEN_AFTER))
                    .executeUpdate();
        });
    }
}
