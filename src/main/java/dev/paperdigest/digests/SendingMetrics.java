package dev.paperdigest.digests;

import dev.paperdigest.digests.smtp.SmtpErrorKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How handing digests to the SMTP server goes, for {@code /q/metrics} beside
 * {@link DeliveryMetrics}: how long a hand-over takes, which errors it meets, and the digests
 * given up on.
 */
@ApplicationScoped
public class SendingMetrics {

    private final Timer accepted;
    private final Timer notAccepted;
    private final Map<SmtpErrorKind, Counter> errors = new EnumMap<>(SmtpErrorKind.class);
    private final Counter gaveUp;

    public SendingMetrics(MeterRegistry metrics) {
        this.accepted = handOver(metrics, "accepted");
        this.notAccepted = handOver(metrics, "failed");
        for (SmtpErrorKind kind : SmtpErrorKind.values()) {
            errors.put(
                    kind,
                    Counter.builder("paperdigest.smtp.errors")
                            .description("Digests the SMTP server did not take, by what went wrong")
                            .tag("kind", kind.tag())
                            .register(metrics));
        }
        this.gaveUp = Counter.builder("paperdigest.digests.failed")
                .description("Digests given up on (FAILED): their attempts used up, or they cannot be composed")
                .register(metrics);
    }

    private static Timer handOver(MeterRegistry metrics, String outcome) {
        return Timer.builder("paperdigest.smtp.send")
                .description("Handing one digest to the SMTP server, until it answers to the message")
                .tag("outcome", outcome)
                .publishPercentiles(0.5, 0.9, 0.99)
                .register(metrics);
    }

    void handedOver(long nanos, boolean taken) {
        (taken ? accepted : notAccepted).record(nanos, TimeUnit.NANOSECONDS);
    }

    void smtpError(IOException e) {
        errors.get(SmtpErrorKind.of(e)).increment();
    }

    void gaveUp() {
        gaveUp.increment();
    }
}
