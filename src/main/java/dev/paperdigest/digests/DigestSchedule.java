package dev.paperdigest.digests;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** The periodic digest tick ({@code digest.delivery.cron}; {@code off} disables it). */
@ApplicationScoped
public class DigestSchedule {

    private final DigestRuns runs;

    public DigestSchedule(DigestRuns runs) {
        this.runs = runs;
    }

    @Scheduled(identity = "digest-tick", cron = "{digest.delivery.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        runs.runScheduled();
    }
}
