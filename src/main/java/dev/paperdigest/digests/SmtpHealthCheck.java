package dev.paperdigest.digests;

import dev.paperdigest.common.CachedValue;
import dev.paperdigest.common.HealthConfig;
import dev.paperdigest.digests.smtp.SmtpRelay;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code /q/health/well}: DOWN while the SMTP server cannot be reached, does not greet in time, or
 * refuses our TLS or login, found by opening a session as sending does, at most every
 * {@code digest.health.smtp-probe-every}. A wellness check, so it never takes the instance out of
 * a load balancer: another replica would not reach the server either, and meanwhile digests wait
 * in the outbox. With {@code quarkus.mailer.mock} nothing is sent and it stays UP.
 *
 * <p>Sends that failed are not counted here: they stay failed until the next send, long after the
 * server is back, whereas a probe says how it is now; digests left unsent show in the
 * {@code outbox} check and in {@code paperdigest_smtp_errors_total}.
 */
@Wellness
@ApplicationScoped
public class SmtpHealthCheck implements HealthCheck {

    static final String NAME = "smtp";

    /** What the last probe found: when, and what went wrong, if anything. */
    record Probe(Instant at, Optional<String> error) {}

    private final SmtpRelay relay;
    private final CachedValue<Probe> probe;

    public SmtpHealthCheck(SmtpRelay relay, HealthConfig config, Clock clock) {
        this.relay = relay;
        this.probe = new CachedValue<>(
                () -> {
                    try {
                        relay.probe(config.smtpProbeTimeout());
                        return new Probe(clock.instant(), Optional.empty());
                    } catch (IOException | RuntimeException e) {
                        return new Probe(clock.instant(), Optional.of(String.valueOf(e.getMessage())));
                    }
                },
                config.smtpProbeEvery());
    }

    @Override
    public HealthCheckResponse call() {
        return relay.mock() ? mock() : judge(relay.server(), probe.get());
    }

    static HealthCheckResponse mock() {
        return HealthCheckResponse.named(NAME)
                .up()
                .withData("mock", true)
                .withData("server", "none: quarkus.mailer.mock writes digests to the log")
                .build();
    }

    static HealthCheckResponse judge(String server, Probe probe) {
        var response = HealthCheckResponse.named(NAME)
                .status(probe.error().isEmpty())
                .withData("server", server)
                .withData("checkedAt", probe.at().toString());
        probe.error()
                .map(error -> error.contains(server) ? error : "the SMTP server " + server + ": " + error)
                .ifPresent(error -> response.withData("error", error));
        return response.build();
    }
}
