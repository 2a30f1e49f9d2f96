package dev.paperdigest.papers.ingestion;

import dev.paperdigest.support.NoDatabase;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each state of the ingestion wellness check; IngestionSignalsTest serves it at /q/health/well. */
@NoDatabase
class IngestionHealthCheckTest {

    private static final Duration MAX_AGE = Duration.ofHours(36);
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void aRecentSuccessIsUp() {
        HealthCheckResponse response = IngestionHealthCheck.judge(
                Optional.of(NOW.minus(Duration.ofHours(20))), NOW.minus(Duration.ofDays(30)), NOW, MAX_AGE);
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals("ingestion", response.getName());
        assertEquals("2026-11-30T16:00:00Z", data(response, "lastSuccessAt"));
        assertEquals(72000L, data(response, "ageSeconds"));
        assertEquals(129600L, data(response, "maxAgeSeconds"));
    }

    @Test
    void aSuccessOlderThanTheMaxAgeIsDown() {
        HealthCheckResponse response = IngestionHealthCheck.judge(
                Optional.of(NOW.minus(MAX_AGE).minusSeconds(1)), NOW.minus(Duration.ofDays(30)), NOW, MAX_AGE);
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals(129601L, data(response, "ageSeconds"));
    }

    @Test
    void aNewInstallationIsUpUntilTheMaxAgeHasPassedSinceItStarted() {
        HealthCheckResponse fresh =
                IngestionHealthCheck.judge(Optional.empty(), NOW.minus(Duration.ofHours(2)), NOW, MAX_AGE);
        assertEquals(HealthCheckResponse.Status.UP, fresh.getStatus());
        assertEquals("never", data(fresh, "lastSuccessAt"));
        assertEquals(7200L, data(fresh, "ageSeconds"));

        HealthCheckResponse neverIngested =
                IngestionHealthCheck.judge(Optional.empty(), NOW.minus(Duration.ofHours(37)), NOW, MAX_AGE);
        assertEquals(HealthCheckResponse.Status.DOWN, neverIngested.getStatus());
        assertEquals("never", data(neverIngested, "lastSuccessAt"));
    }

    private static Object data(HealthCheckResponse response, String key) {
        return response.getData().orElseThrow().get(key);
    }
}
