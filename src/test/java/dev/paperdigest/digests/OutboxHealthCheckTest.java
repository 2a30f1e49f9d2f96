package dev.paperdigest.digests;

import dev.paperdigest.support.NoDatabase;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each state of the outbox wellness check; DigestSignalsTest serves it at /q/health/well. */
@NoDatabase
class OutboxHealthCheckTest {

    private static final Duration MAX_AGE = Duration.ofHours(1);
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void anEmptyOutboxIsUp() {
        HealthCheckResponse response = judge(new OutboxDepth.Snapshot(0, null));
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals("outbox", response.getName());
        assertEquals(0L, data(response, "queued"));
        assertEquals(0L, data(response, "oldestQueuedAgeSeconds"));
        assertEquals(3600L, data(response, "maxAgeSeconds"));
    }

    @Test
    void digestsWaitingForTheirRetryAreNotLate() {
        HealthCheckResponse response = judge(new OutboxDepth.Snapshot(3, NOW.plus(Duration.ofMinutes(8))));
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals(0L, data(response, "oldestQueuedAgeSeconds"));
    }

    @Test
    void aDigestDueForLongerThanTheMaxAgeIsDown() {
        assertEquals(
                HealthCheckResponse.Status.UP,
                judge(new OutboxDepth.Snapshot(5, NOW.minus(MAX_AGE))).getStatus());
        HealthCheckResponse late =
                judge(new OutboxDepth.Snapshot(5, NOW.minus(MAX_AGE).minusSeconds(1)));
        assertEquals(HealthCheckResponse.Status.DOWN, late.getStatus());
        assertEquals(5L, data(late, "queued"));
        assertEquals(3601L, data(late, "oldestQueuedAgeSeconds"));
    }

    private static HealthCheckResponse judge(OutboxDepth.Snapshot outbox) {
        return OutboxHealthCheck.judge(outbox, NOW, MAX_AGE);
    }

    private static Object data(HealthCheckResponse response, String key) {
        return response.getData().orElseThrow().get(key);
    }
}
