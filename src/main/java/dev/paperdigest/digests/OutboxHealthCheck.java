package dev.paperdigest.digests;

import dev.paperdigest.common.HealthConfig;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code /q/health/well}: DOWN while a queued digest has been due for longer than
 * {@code digest.health.outbox-max-age} without going out. A wellness check, so it never takes the
 * instance out of a load balancer: the outbox is shared, and another replica would not send it
 * either.
 */
@Wellness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    static final String NAME = "outbox";

    private final OutboxDepth outbox;
    private final HealthConfig config;
    private final Clock clock;

    public OutboxHealthCheck(OutboxDepth outbox, HealthConfig config, Clock clock) {
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        return judge(outbox.snapshot(), clock.instant(), config.outboxMaxAge());
    }

    static HealthCheckResponse judge(OutboxDepth.Snapshot outbox, Instant now, Duration maxAge) {
        Duration waited = outbox.oldestWait(now);
        return HealthCheckResponse.named(NAME)
                .status(waited.compareTo(maxAge) <= 0)
                .withData("queued", outbox.queued())
                .withData("oldestQueuedAgeSeconds", waited.toSeconds())
                .withData("maxAgeSeconds", maxAge.toSeconds())
                .build();
    }
}
