package dev.paperdigest.papers.ingestion;

import dev.paperdigest.common.HealthConfig;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code /q/health/well}: DOWN once no ingestion run (of any source) has succeeded for
 * {@code digest.health.ingestion-max-age}: new papers have stopped coming and digests will run
 * dry. A wellness check, so it never takes the instance out of a load balancer. Before the first
 * success ever (a new installation), the age counts from this process's start.
 */
@Wellness
@ApplicationScoped
public class IngestionHealthCheck implements HealthCheck {

    static final String NAME = "ingestion";

    private final IngestionFreshness freshness;
    private final HealthConfig config;
    private final Clock clock;

    public IngestionHealthCheck(IngestionFreshness freshness, HealthConfig config, Clock clock) {
        this.freshness = freshness;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        return judge(freshness.newest(), freshness.watchedSince(), clock.instant(), config.ingestionMaxAge());
    }

    static HealthCheckResponse judge(
            Optional<Instant> lastSuccess, Instant watchedSince, Instant now, Duration maxAge) {
        Duration age = Duration.between(lastSuccess.orElse(watchedSince), now);
        return HealthCheckResponse.named(NAME)
                .status(age.compareTo(maxAge) <= 0)
                .withData("lastSuccessAt", lastSuccess.map(Instant::toString).orElse("never"))
                .withData("ageSeconds", age.toSeconds())
                .withData("maxAgeSeconds", maxAge.toSeconds())
                .build();
    }
}
