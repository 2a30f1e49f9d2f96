package dev.paperdigest.digests;

import dev.paperdigest.common.JobLease;
import dev.paperdigest.common.RetentionConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;

/**
 * The daily clean-up ({@code digest.retention.*}): sent and failed deliveries, and ended digest
 * runs, older than the retention are deleted, a batch per transaction, by one replica at a time.
 * Queued deliveries stay whatever their age: they are still to be sent.
 */
@ApplicationScoped
public class DigestRetention {

    private static final Logger LOG = Logger.getLogger(DigestRetention.class);
    static final String LEASE = "digest-retention";
    static final int BATCH = 5_000;

    public record Pruned(long deliveries, long runs) {}

    private final RetentionConfig config;
    private final JobLease lease;
    private final Clock clock;

    public DigestRetention(RetentionConfig config, JobLease lease, Clock clock) {
        this.config = config;
        this.lease = lease;
        this.clock = clock;
    }

    @Scheduled(
            identity = "digest-retention",
            cron = "{digest.retention.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        prune();
    }

    /** Prunes what has passed the retention; nothing when another replica is at it. */
    public Pruned prune() {
        if (!lease.tryAcquire(LEASE, Duration.ofMinutes(30))) {
            return new Pruned(0, 0);
        }
        try {
            Instant cutoff = clock.instant().minus(config.keep());
            long deliveries = inBatches(() -> Delivery.deleteEndedBefore(cutoff, BATCH));
            long runs = inBatches(() -> DigestRun.deleteEndedBefore(cutoff, BATCH));
            if (deliveries + runs > 0) {
                LOG.infof(
                        "retention: deleted %d deliveries and %d digest runs older than %s", deliveries, runs, cutoff);
            }
            return new Pruned(deliveries, runs);
        } finally {
            lease.release(LEASE);
        }
    }

    private static long inBatches(IntSupplier deleteBatch) {
        long deleted = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(deleteBatch::getAsInt);
            deleted += batch;
        } while (batch == BATCH);
        return deleted;
    }
}
