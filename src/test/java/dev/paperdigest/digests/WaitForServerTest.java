package dev.paperdigest.digests;

import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A digest that finds no SMTP server waits for it, whatever digest.delivery.max-attempts says. */
@NoDatabase
class WaitForServerTest {

    static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");
    static final Duration LONGEST = Duration.ofMinutes(15);

    @Test
    void anOutageNeverFailsADigestAndItsNextTryIsAlwaysAheadAndSoon() {
        for (int maxAttempts : new int[] {1, 2, 5}) {
            Delivery delivery = new Delivery();
            for (int outage = 0; outage < 30; outage++) {
                delivery.waitForServer("Connection refused", maxAttempts, Duration.ofMinutes(1), LONGEST, NOW);

                String where = maxAttempts + " attempts allowed, try " + outage;
                assertEquals(DeliveryStatus.QUEUED, delivery.status, where);
                assertTrue(delivery.attempts <= Math.max(0, maxAttempts - 1), where + ": a last try is left");
                assertTrue(delivery.nextAttemptAt.isAfter(NOW), where + ": next try " + delivery.nextAttemptAt);
                assertTrue(!delivery.nextAttemptAt.isAfter(NOW.plus(LONGEST)), where + ": next try too late");
            }
        }
    }
}
