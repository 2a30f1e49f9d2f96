package dev.paperdigest.digests;

import dev.paperdigest.subscriptions.Subscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * Hard bounces, counted per subscriber: an SMTP server refused their address for good while a
 * digest was sent. After {@code digest.delivery.max-hard-bounces} of them an active subscriber is
 * BOUNCED, and no digest is queued or sent to them. A digest the server accepts does not lower
 * the count: a relay accepts what the recipient's server may still bounce.
 */
@ApplicationScoped
public class Bounces {

    private static final Logger LOG = Logger.getLogger(Bounces.class);

    private final DeliveryConfig config;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    public Bounces(DeliveryConfig config, DeliveryMetrics metrics, Clock clock) {
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** An SMTP server refused the subscriber's address for good; nothing when they were erased meanwhile. */
    @Transactional
    void refused(long subscriberId, String reply) {
        Subscriber subscriber = Subscriber.findById(subscriberId, LockModeType.PESSIMISTIC_WRITE);
        if (subscriber != null) {
            count(subscriber, reply);
        }
    }

    private void count(Subscriber subscriber, String reason) {
        metrics.bounced();
        if (subscriber.hardBounced(reason, clock.instant(), config.maxHardBounces())) {
            LOG.infof(
                    "subscriber %d bounced %d times; they get no digest until reactivated",
                    subscriber.id, subscriber.hardBounces);
        }
    }
}
