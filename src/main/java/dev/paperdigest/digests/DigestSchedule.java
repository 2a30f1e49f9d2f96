package dev.paperdigest.digests;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * The periodic digest tick ({@code digest.delivery.cron}), which queues what is due, and the
 * polls ({@code digest.delivery.poll}) by which every process, replicas included, helps queue a
 * run another replica started and sends what is due: retries, and the digests of a run another
 * replica is queueing. {@code off} disables them.
 */
@ApplicationScoped
public class DigestSchedule {

    private final DigestRunner runs;
    private final DeliverySender sender;
    private final Clock clock;

    public DigestSchedule(DigestRunner runs, DeliverySender sender, Clock clock) {
        this.runs = runs;
        this.sender = sender;
        this.clock = clock;
    }

    @Scheduled(
            identity = "digest-tick",
            cron = "{digest.delivery.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        runs.runScheduled();
    }

    /** Runs another process started are queued here too, shard by shard. */
    @Scheduled(
            identity = "digest-run-join",
            every = "{digest.delivery.poll}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void join() {
        runs.failOrphans();
        runs.joinRunningRuns();
    }

    @Scheduled(
            identity = "outbox-poll",
            every = "{digest.delivery.poll}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        sender.requeueAbandoned();
        if (QuarkusTransaction.requiringNew().call(() -> Delivery.anyDue(clock.instant()))) {
            sender.drainIfIdle();
        }
    }
}
