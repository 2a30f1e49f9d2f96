package dev.paperdigest.digests;

import dev.paperdigest.common.ConflictException;
import dev.paperdigest.common.NotFoundException;
import dev.paperdigest.subscriptions.Subscriber;
import dev.paperdigest.subscriptions.SubscriberStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Locale;

/**
 * Hard bounces, counted per subscriber: an SMTP server refused their address for good while a
 * digest was sent, or a mail provider reported a bounce later. After
 * {@code digest.delivery.max-hard-bounces} of them an active subscriber is BOUNCED, and no digest
 * is queued or sent to them until an operator reactivates them. A digest the server accepts does
 * not lower the count: a relay accepts what the recipient's server may still bounce.
 */
@ApplicationScoped
public class Bounces {

    private static final Logger LOG = Logger.getLogger(Bounces.class);

    /** What a reported bounce did; {@code counted}: false for a soft one, which changes nothing. */
    public record Recorded(long subscriberId, String email, SubscriberStatus status, int hardBounces, boolean counted) {

        static Recorded of(Subscriber s, boolean counted) {
            return new Recorded(s.id, s.email, s.status, s.hardBounces, counted);
        }
    }

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

    /**
     * A bounce a mail provider reported for an address. A soft one is only acknowledged: the
     * outbox retries what a server refused for now by itself.
     */
    @Transactional
    public Recorded reported(String email, String reason, boolean hard) {
        Subscriber subscriber = Subscriber.lockByEmail(email)
                .orElseThrow(() ->
                        new NotFoundException("a subscriber with the address " + Subscriber.normaliseEmail(email)));
        if (hard) {
            count(subscriber, reason);
        }
        return Recorded.of(subscriber, hard);
    }

    /** A BOUNCED subscriber gets digests again, with no hard bounce counted. */
    @Transactional
    public Subscriber reactivate(long subscriberId) {
        Subscriber subscriber = Subscriber.findById(subscriberId, LockModeType.PESSIMISTIC_WRITE);
        if (subscriber == null) {
            throw new NotFoundException("subscriber " + subscriberId);
        }
        if (subscriber.status != SubscriberStatus.BOUNCED) {
            throw new ConflictException("only a bounced subscriber can be reactivated; this one is "
                    + subscriber.status.name().toLowerCase(Locale.ROOT));
        }
        subscriber.reactivate(clock.instant());
        LOG.infof("subscriber %d reactivated", subscriber.id);
        return subscriber;
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
