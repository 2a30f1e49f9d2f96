package dev.paperdigest.admin.console;

import io.quarkus.qute.RawString;

import java.util.List;

/** Everything the console shows, read at one moment. */
public record ConsolePage(
        String asOf,
        List<StatusCount> subscribers,
        Outbox outbox,
        List<Chart> charts,
        List<FailedDigest> recentFailures,
        List<DigestRunRow> digestRuns,
        List<IngestionRunRow> ingestionRuns) {

    public record StatusCount(String status, long count) {}

    public record Outbox(long queued, long sending, long failed) {}

    /** A chart drawn in SVG, and its figures for a table ({@code id}: the HTML id of both). */
    public record Chart(String id, String heading, ChartData data, RawString svg) {}

    public record FailedDigest(
            long id, long subscriberId, String period, int attempts, String lastTried, String error) {}

    public record DigestRunRow(
            long id,
            String status,
            String period,
            String created,
            String finished,
            int subscribers,
            int queued,
            int sent,
            int failed,
            String progress,
            String error,
            boolean cancellable,
            boolean stopping) {}

    public record IngestionRunRow(
            long id,
            String source,
            String status,
            String started,
            String finished,
            int created,
            int updated,
            int skipped,
            int rejected,
            String error,
            boolean cancellable,
            boolean stopping) {}
}
