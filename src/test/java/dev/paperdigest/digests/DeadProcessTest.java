package dev.paperdigest.digests;

import dev.paperdigest.common.JobLease;
import dev.paperdigest.common.ProcessHeartbeat;
import dev.paperdigest.common.RunStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * What a process holds when it is killed (a job lease, outbox claims, a queue shard) is taken over
 * by the others within a minute of its last heartbeat, not when the lease or claim would have run
 * out (half an hour, five minutes); what a live process holds is left alone. For outbox claims see
 * {@link SmtpOutageTest}.
 */
@QuarkusTest
class DeadProcessTest {

    @Inject
    JobLease lease;

    @Inject
    QueueShards shards;

    @Inject
    EntityManager em;

    @Inject
    DigestRunner runner;

    @Test
    void aLeaseHeldByAProcessWhoseHeartbeatStoppedIsFreeAtOnce() {
        String job = "job-" + UUID.randomUUID();
        String dead = process("dead", Instant.now().minusSeconds(1));
        holdLease(job, dead, Instant.now().plus(Duration.ofMinutes(30)));

        assertThat(lease.tryAcquire(job, Duration.ofMinutes(30)), equalTo(true));
    }

    @Test
    void aLeaseHeldByAProcessThatNeverBeatIsFreeAtOnce() {
        String job = "job-" + UUID.randomUUID();
        holdLease(job, "never-beat-" + UUID.randomUUID(), Instant.now().plus(Duration.ofMinutes(30)));

        assertThat(lease.tryAcquire(job, Duration.ofMinutes(30)), equalTo(true));
    }

    @Test
    void aLeaseHeldByALiveProcessIsNotTaken() {
        String job = "job-" + UUID.randomUUID();
        String live = process("live", Instant.now().plus(ProcessHeartbeat.DEAD_AFTER));
        holdLease(job, live, Instant.now().plus(Duration.ofMinutes(30)));

        assertThat(lease.tryAcquire(job, Duration.ofMinutes(30)), equalTo(false));
    }

    @Test
    void aShardClaimedByADeadProcessIsTakenOverAndOneOfALiveProcessIsNot() {
        Instant now = Instant.now();
        long run = QuarkusTransaction.requiringNew().call(() -> {
            DigestRun r = new DigestRun();
            r.status = RunStatus.RUNNING;
            r.createdAt = now;
            r.persist();
            return r.id;
        });
        try {
            claimShard(run, 1, process("live", now.plus(ProcessHeartbeat.DEAD_AFTER)), now);
            assertThat(shards.claim("taker", now), equalTo(Optional.empty()));

            claimShard(run, 1_000_001, process("dead", now.minusSeconds(1)), now);
            assertThat(
                    shards.claim("taker", now), equalTo(Optional.of(new QueueShards.Shard(run, 1_000_001, 2_000_000))));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> DigestRun.<DigestRun>findById(run).status = RunStatus.FAILED);
        }
    }

    @Test
    void theRunsOfADeadProcessEndFailedAndThoseOfLiveOnesGoOn() {
        Instant now = Instant.now();
        String dead = process("dead", now.minusSeconds(1));
        String live = process("live", now.plus(ProcessHeartbeat.DEAD_AFTER));
        long queuedOfDead = runOf(dead, RunStatus.QUEUED, now);
        long runningOfDead = runOf(dead, RunStatus.RUNNING, now);
        long runningOfLive = runOf(live, RunStatus.RUNNING, now);
        long runningHere = runOf(JobLease.OWNER, RunStatus.RUNNING, now);
        try {
            assertThat(runner.failOrphans(), equalTo(2));

            for (long orphan : new long[] {queuedOfDead, runningOfDead}) {
                DigestRun run = DigestRunner.load(orphan);
                assertThat(run.status, equalTo(RunStatus.FAILED));
                assertThat(run.error, equalTo("the process running it stopped before it finished"));
            }
            assertThat(DigestRunner.load(runningOfLive).status, equalTo(RunStatus.RUNNING));
            assertThat(DigestRunner.load(runningHere).status, equalTo(RunStatus.RUNNING));
        } finally {
            QuarkusTransaction.requiringNew()
                    .run(() -> DigestRun.update(
                            "status = ?1 where id in ?2",
                            RunStatus.FAILED,
                            java.util.List.of(runningOfLive, runningHere)));
        }
    }

    private static long runOf(String owner, RunStatus status, Instant at) {
        return QuarkusTransaction.requiringNew().call(() -> {
            DigestRun r = new DigestRun();
            r.status = status;
            r.owner = owner;
            r.createdAt = at;
            r.persist();
            return r.id;
        });
    }

    /** Another process, with its heartbeat's last "alive until". */
    static String process(String name, Instant aliveUntil) {
        String owner = name + "-" + UUID.randomUUID();
        heartbeat(owner, aliveUntil);
        return owner;
    }

    /** The heartbeat of another process, as it writes it. */
    static void heartbeat(String owner, Instant aliveUntil) {
        QuarkusTransaction.requiringNew()
                .run(() -> Delivery.getEntityManager()
                        .createNativeQuery("INSERT INTO process_heartbeat (owner, alive_until) VALUES (?1, ?2)")
                        .setParameter(1, owner)
                        .setParameter(2, aliveUntil)
                        .executeUpdate());
    }

    private void holdLease(String job, String owner, Instant until) {
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("INSERT INTO job_lease (name, owner, leased_until) VALUES (?1, ?2, ?3)")
                        .setParameter(1, job)
                        .setParameter(2, owner)
                        .setParameter(3, until)
                        .executeUpdate());
    }

    private void claimShard(long run, long firstId, String owner, Instant at) {
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("INSERT INTO queue_shard (run_id, first_id, last_id, status, "
                                + "claimed_by, claimed_at) VALUES (?1, ?2, ?3, 'CLAIMED', ?4, ?5)")
                        .setParameter(1, run)
                        .setParameter(2, firstId)
                        .setParameter(3, firstId + 999_999)
                        .setParameter(4, owner)
                        .setParameter(5, at)
                        .executeUpdate());
    }
}
