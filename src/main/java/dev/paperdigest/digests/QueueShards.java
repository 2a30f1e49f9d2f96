package dev.paperdigest.digests;

import dev.paperdigest.common.PatientTransactions;
import dev.paperdigest.common.ProcessHeartbeat;
import dev.paperdigest.digests.DigestQueue.Totals;
import dev.paperdigest.subscriptions.Subscriber;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The shards of a digest run: id ranges of subscribers that any process claims, queues and marks
 * done, so replicas share the matching as they share the sending. A claim is renewed after each
 * page; one whose process's heartbeat stopped, or left alone for {@link #ABANDONED_AFTER}, belonged
 * to a process that stopped, and is taken over (queueing a range again is harmless: what has its delivery is skipped).
 */
@ApplicationScoped
public class QueueShards {

    static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);

    /** Subscribers with ids from {@code firstId} to {@code lastId}, of one run. */
    public record Shard(long runId, long firstId, long lastId) {}

    private final EntityManager em;

    public QueueShards(EntityManager em) {
        this.em = em;
    }

    /** Cuts the active subscribers into shards of about {@code size}; the last one is open-ended, for those who confirm meanwhile. */
    void create(long runId, int size) {
        QuarkusTransaction.requiringNew().run(() -> {
            long first = 0;
            for (long cut : Subscriber.shardBoundaries(size)) {
                insert(runId, first, cut);
                first = cut + 1;
            }
            insert(runId, first, Long.MAX_VALUE);
        });
    }

    private void insert(long runId, long firstId, long lastId) {
        em.createNativeQuery("INSERT INTO queue_shard (run_id, first_id, last_id, status) VALUES (?1, ?2, ?3, 'OPEN')")
                .setParameter(1, runId)
                .setParameter(2, firstId)
                .setParameter(3, lastId)
                .executeUpdate();
    }

    /** Takes the next open (or abandoned) shard of a running, uncancelled run, skipping those other processes are taking. */
    @SuppressWarnings("unchecked")
    Optional<Shard> claim(String owner, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Number> runs = em.createNativeQuery(
                            "SELECT id FROM digest_run WHERE status = 'RUNNING' AND cancel_requested = FALSE")
                    .getResultList();
            if (runs.isEmpty()) {
                return Optional.empty();
            }
            List<Object[]> rows = em.createNativeQuery(
                            "SELECT run_id, first_id, last_id FROM queue_shard WHERE run_id IN (?1) "
                                    + "AND (status = 'OPEN' OR (status = 'CLAIMED' AND (claimed_at < ?2 OR "
                                    + ProcessHeartbeat.deadOther("claimed_by", "?3", "?4") + "))) "
                                    + "ORDER BY run_id, first_id FETCH FIRST 1 ROWS ONLY FOR UPDATE SKIP LOCKED")
                    .setParameter(1, runs.stream().map(Number::longValue).toList())
                    .setParameter(2, now.minus(ABANDONED_AFTER))
                    .setParameter(3, owner)
                    .setParameter(4, now)
                    .getResultList();
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            Shard shard = new Shard(
                    ((Number) rows.get(0)[0]).longValue(),
                    ((Number) rows.get(0)[1]).longValue(),
                    ((Number) rows.get(0)[2]).longValue());
            em.createNativeQuery("UPDATE queue_shard SET status = 'CLAIMED', claimed_by = ?1, claimed_at = ?2 "
                            + "WHERE run_id = ?3 AND first_id = ?4")
                    .setParameter(1, owner)
                    .setParameter(2, now)
                    .setParameter(3, shard.runId())
                    .setParameter(4, shard.firstId())
                    .executeUpdate();
            return Optional.of(shard);
        });
    }

    /** Renews the claim and records how far it got; false when another process has taken the shard over. */
    boolean progress(Shard shard, String owner, Totals soFar, Instant now) {
        return update(shard, owner, "CLAIMED", soFar, now);
    }

    /** Marks the shard queued; false when another process had taken it over. */
    boolean finish(Shard shard, String owner, Totals totals, Instant now) {
        return update(shard, owner, "DONE", totals, now);
    }

    private boolean update(Shard shard, String owner, String status, Totals totals, Instant now) {
        return QuarkusTransaction.requiringNew()
                        .call(() -> em.createNativeQuery(
                                        "UPDATE queue_shard SET status = ?1, "
                                                + "claimed_at = ?2, subscribers = ?3, queued = ?4, matched = ?5 "
                                                + "WHERE run_id = ?6 AND first_id = ?7 AND claimed_by = ?8 AND status = 'CLAIMED'")
                                .setParameter(1, status)
                                .setParameter(2, now)
                                .setParameter(3, totals.subscribers())
                                .setParameter(4, totals.queued())
                                .setParameter(5, totals.matched())
                                .setParameter(6, shard.runId())
                                .setParameter(7, shard.firstId())
                                .setParameter(8, owner)
                                .executeUpdate())
                == 1;
    }

    /** Shards of the run not yet queued to the end. */
    long unfinished(long runId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(
                                        "SELECT COUNT(*) FROM queue_shard WHERE run_id = ?1 AND status <> 'DONE'")
                                .setParameter(1, runId)
                                .getSingleResult())
                        .longValue());
    }

    /** What every process has queued for the run so far (no timings: those are each process's own). */
    Totals totals(long runId) {
        return PatientTransactions.call("counting a run's digests", () -> {
            Object[] sums = (Object[]) em.createNativeQuery(
                            "SELECT COALESCE(SUM(subscribers), 0), COALESCE(SUM(queued), 0), COALESCE(SUM(matched), 0) "
                                    + "FROM queue_shard WHERE run_id = ?1")
                    .setParameter(1, runId)
                    .getSingleResult();
            return new Totals(
                    ((Number) sums[0]).intValue(),
                    ((Number) sums[1]).intValue(),
                    ((Number) sums[2]).longValue(),
                    0,
                    0,
                    0);
        });
    }
}
