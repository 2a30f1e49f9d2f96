package dev.paperdigest.digests;

import dev.paperdigest.support.NoDatabase;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Each state of the SMTP wellness check; SmtpUnreachableTest serves it at /q/health/well. */
@NoDatabase
class SmtpHealthCheckTest {

    private static final Instant AT = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void aServerThatTookTheSessionIsUp() {
        HealthCheckResponse response =
                SmtpHealthCheck.judge("smtp.example.org:587", new SmtpHealthCheck.Probe(AT, Optional.empty()));
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals("smtp", response.getName());
        assertEquals("smtp.example.org:587", data(response, "server"));
        assertEquals("2026-12-01T12:00:00Z", data(response, "checkedAt"));
        assertFalse(response.getData().orElseThrow().containsKey("error"));
    }

    @Test
    void aFailedProbeIsDownAndNamesTheServer() {
        HealthCheckResponse silent = SmtpHealthCheck.judge(
                "smtp.example.org:587",
                new SmtpHealthCheck.Probe(AT, Optional.of("the SMTP server did not answer within PT5S")));
        assertEquals(HealthCheckResponse.Status.DOWN, silent.getStatus());
        assertEquals(
                "the SMTP server smtp.example.org:587: the SMTP server did not answer within PT5S",
                data(silent, "error"));
    }

    @Test
    void withTheMockMailerNothingIsSentAndTheCheckIsUp() {
        HealthCheckResponse response = SmtpHealthCheck.mock();
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals(true, data(response, "mock"));
    }

    private static Object data(HealthCheckResponse response, String key) {
        return response.getData().orElseThrow().get(key);
    }
}
