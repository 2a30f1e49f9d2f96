package dev.paperdigest.digests;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** What the outbox's senders report to {@code /q/metrics}. */
@ApplicationScoped
public class DeliveryMetrics {

    private final Counter sent;
    private final Counter failedAttempts;
    private final Counter bounced;
    private final DistributionSummary digestSize;
    private final DistributionSummary htmlSize;

    public DeliveryMetrics(MeterRegistry metrics) {
        this.sent = Counter.builder("paperdigest.digests.sent")
                .description("Digests accepted by the SMTP server")
                .register(metrics);
        this.failedAttempts = Counter.builder("paperdigest.digests.failed.attempts")
                .description("Digest sending attempts that failed (retried until max-attempts)")
                .register(metrics);
        this.bounced = Counter.builder("paperdigest.digests.bounced")
                .description("Hard bounces recorded: SMTP refusals of a recipient's address for good, and bounces "
                        + "reported to the admin API")
                .register(metrics);
        this.digestSize = DistributionSummary.builder("paperdigest.digests.size")
                .baseUnit("bytes")
                .description("Bytes of a digest as sent, headers and both parts encoded")
                .publishPercentiles(0.5, 0.9, 0.99)
                .register(metrics);
        this.htmlSize = DistributionSummary.builder("paperdigest.digests.html.size")
                .baseUnit("characters")
                .description("Characters of a digest's HTML part (Gmail clips one past about 102 kB)")
                .publishPercentiles(0.5, 0.9, 0.99)
                .register(metrics);
    }

    void composed(DigestMessage message) {
        digestSize.record(message.bytes().length);
        htmlSize.record(message.htmlChars());
    }

    void sent() {
        sent.increment();
    }

    void attemptFailed() {
        failedAttempts.increment();
    }

    void bounced() {
        bounced.increment();
    }
}
