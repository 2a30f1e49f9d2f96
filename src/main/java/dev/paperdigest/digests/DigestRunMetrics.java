package dev.paperdigest.digests;

import dev.paperdigest.common.RunStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * What digest runs report to {@code /q/metrics}: the digests queued (by this process: replicas
 * share the queueing) with the papers matched into them, and how long runs took and how they
 * ended. A dry run queues nothing.
 */
@ApplicationScoped
public class DigestRunMetrics {

    private final MeterRegistry registry;
    private final Counter queued;
    private final Counter matches;

    public DigestRunMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.queued = Counter.builder("paperdigest.digests.queued")
                .description("Digests queued in the outbox, one per subscriber and period with papers for them")
                .register(registry);
        this.matches = Counter.builder("paperdigest.digests.matches")
                .description("Papers matched into the digests queued, once per digest (shown or only counted)")
                .register(registry);
    }

    void queued(int digests, long papers) {
        queued.increment(digests);
        matches.increment(papers);
    }

    void runEnded(RunStatus status, Duration took) {
        Timer.builder("paperdigest.digests.runs")
                .description("Digest runs, from start to the end of their sending, by how they ended")
                .tag("status", status.name())
                .register(registry)
                .record(took);
    }
}
