package dev.paperdigest.digests;

import dev.paperdigest.common.ConflictException;
import dev.paperdigest.common.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Locale;

/**
 * Failed digests given another chance by an operator: queued again, due at once, with their
 * attempts counted from 0; the next digest tick (or run) sends them. A sent digest is never sent
 * again.
 */
@ApplicationScoped
public class FailedDeliveries {

    private final Clock clock;

    public FailedDeliveries(Clock clock) {
        this.clock = clock;
    }

    /** One failed delivery; 404 for an unknown id, 409 for one that has not failed. */
    @Transactional
    public Delivery retry(long id) {
        Delivery delivery = Delivery.findById(id);
        if (delivery == null) {
            throw new NotFoundException("delivery " + id);
        }
        if (delivery.status != DeliveryStatus.FAILED) {
            throw new ConflictException("only a failed delivery can be retried; this one is "
                    + delivery.status.name().toLowerCase(Locale.ROOT));
        }
        delivery.status = DeliveryStatus.QUEUED;
        delivery.nextAttemptAt = clock.instant();
        delivery.attempts = 0;
        return delivery;
    }

    /** Every failed delivery, in one statement; answers how many. */
    @Transactional
    public int retryAll() {
        return Delivery.update(
                "status = ?1, nextAttemptAt = ?2, attempts = 0 where status = ?3",
                DeliveryStatus.QUEUED,
                clock.instant(),
                DeliveryStatus.FAILED);
    }
}
