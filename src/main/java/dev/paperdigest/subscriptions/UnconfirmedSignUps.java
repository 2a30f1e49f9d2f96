package dev.paperdigest.subscriptions;

import dev.paperdigest.common.RetentionConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Deletes sign-ups that were never confirmed ({@code digest.retention.unconfirmed} after the last
 * confirmation email): an address someone typed is not kept for good without its owner's consent.
 */
@ApplicationScoped
public class UnconfirmedSignUps {

    private static final Logger LOG = Logger.getLogger(UnconfirmedSignUps.class);

    private final RetentionConfig config;
    private final Clock clock;

    public UnconfirmedSignUps(RetentionConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(
            identity = "unconfirmed-sign-ups",
            cron = "{digest.retention.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge();
    }

    /** @return how many were deleted */
    public long purge() {
        Instant cutoff = clock.instant().minus(config.unconfirmed());
        LocalDate cutoffDay = LocalDate.ofInstant(cutoff, ZoneOffset.UTC);
        long deleted = QuarkusTransaction.requiringNew()
                .call(() -> Subscriber.delete(
                        "status = ?1 and createdAt < ?2 and (confirmationsDay is null or confirmationsDay < ?3)",
                        SubscriberStatus.PENDING,
                        cutoff,
                        cutoffDay));
        if (deleted > 0) {
            LOG.infof("deleted %d sign-ups never confirmed", deleted);
        }
        return deleted;
    }
}
