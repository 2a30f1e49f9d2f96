package dev.paperdigest.common;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

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

    private final DataSource database;
    private final Clock clock;

    public ProcessHeartbeat(DataSource database, Clock clock) {
        this.database = database;
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

    /**
     * Plain JDBC, each statement committed on its own (the row is this process's alone): the first
     * beat is on the path to ready, where starting an ORM session and a transaction cost more than
     * the beat.
     */
    void beat() {
        Instant now = clock.instant();
        try (Connection db = database.getConnection()) {
            int updated;
            try (PreparedStatement update =
                    db.prepareStatement("UPDATE process_heartbeat SET alive_until = ? WHERE owner = ?")) {
                update.setObject(1, utc(now.plus(DEAD_AFTER)));
                update.setString(2, JobLease.OWNER);
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement insert =
                        db.prepareStatement("INSERT INTO process_heartbeat (owner, alive_until) VALUES (?, ?)")) {
                    insert.setString(1, JobLease.OWNER);
                    insert.setObject(2, utc(now.plus(DEAD_AFTER)));
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement forget =
                    db.prepareStatement("DELETE FROM process_heartbeat WHERE alive_until < ?")) {
                forget.setObject(1, utc(now.minus(FORGOTTEN_AFTER)));
                forget.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("heartbeat not written: " + e.getMessage(), e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
