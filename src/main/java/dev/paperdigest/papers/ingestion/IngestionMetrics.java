package dev.paperdigest.papers.ingestion;

import dev.paperdigest.common.ImportReport;
import dev.paperdigest.common.RunStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * What ingestion reports to {@code /q/metrics}: the papers each source brought, by what became of
 * them, and how long runs took and how they ended. Sources are the ingestion runs' ({@code hf},
 * {@code arxiv}, {@code file}) and {@value #ADMIN_IMPORT} for imports through the admin API.
 */
@ApplicationScoped
public class IngestionMetrics {

    /** The source of papers imported through the admin API (no ingestion run records those). */
    public static final String ADMIN_IMPORT = "api";

    private final MeterRegistry registry;

    public IngestionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts what one import or run did: papers created, updated, skipped (nothing new) and rejected. */
    public void ingested(String source, ImportReport report) {
        count(source, "created", report.created);
        count(source, "updated", report.updated);
        count(source, "skipped", report.skipped);
        count(source, "rejected", report.rejectedCount());
    }

    void runEnded(String source, RunStatus status, Duration took) {
        Timer.builder("paperdigest.ingestion.runs")
                .description("Ingestion runs (one per file for file imports) by source and how they ended")
                .tag("source", source)
                .tag("status", status.name())
                .register(registry)
                .record(took);
    }

    private void count(String source, String result, int papers) {
        Counter.builder("paperdigest.papers.ingested")
                .description("Papers received from a source, by what became of them")
                .tag("source", source)
                .tag("result", result)
                .register(registry)
                .increment(papers);
    }
}
