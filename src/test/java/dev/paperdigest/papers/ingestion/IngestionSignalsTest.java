package dev.paperdigest.papers.ingestion;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.paperdigest.common.RunLogContext;
import dev.paperdigest.common.RunStatus;
import dev.paperdigest.papers.Samples;
import dev.paperdigest.support.LogCapture;
import dev.paperdigest.support.Metrics;
import dev.paperdigest.support.PaperIds;
import io.quarkus.logging.json.runtime.JsonFormatter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.paperdigest.papers.ingestion.IngestionTestSupport.admin;
import static dev.paperdigest.papers.ingestion.IngestionTestSupport.await;
import static dev.paperdigest.papers.ingestion.IngestionTestSupport.start;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What ingestion shows operators: metrics by source, the ingestion wellness check, the run in each log line. */
@QuarkusTest
@WithTestResource(IngestionWireMock.class)
class IngestionSignalsTest {

    private static final String INGESTION = "checks.find { it.name == 'ingestion' }";

    @Inject
    FolderImport folderImport;

    WireMockServer wm;

    @BeforeEach
    void stubs() {
        wm = IngestionWireMock.server;
        wm.resetAll();
        wm.stubFor(get(urlPathEqualTo("/api/daily_papers")).atPriority(10).willReturn(json("[]")));
        wm.stubFor(get(urlPathEqualTo("/api/query"))
                .atPriority(10)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/atom+xml")
                        .withBody(Samples.text("arxiv_api_empty.xml"))));
    }

    @Test
    void aRunIsCountedBySourceTimedAndLoggedUnderItsId() {
        wm.stubFor(get(urlPathEqualTo("/api/daily_papers"))
                .withQueryParam("date", WireMock.equalTo("2024-10-25"))
                .willReturn(json(Samples.text("hf_daily_papers_2024-10-25_excerpt.json"))));
        Metrics before = Metrics.scrape();

        long id;
        JsonPath run;
        List<ExtLogRecord> lines;
        try (LogCapture logs = LogCapture.start()) {
            id = start("hf", "2024-10-25");
            run = await(id);
            lines = logs.containing("ingestion run " + id + " of hf");
        }

        assertEquals("SUCCEEDED", run.getString("status"));
        assertEquals(2, run.getInt("fetched"));
        Metrics after = Metrics.scrape();
        for (String result : List.of("created", "updated", "skipped")) {
            assertEquals(
                    run.getInt(result),
                    delta(before, after, "paperdigest_papers_ingested_total", "source", "hf", "result", result),
                    result);
        }
        assertEquals(2, delta(before, after, "paperdigest_papers_ingested_total", "source", "hf"));
        assertEquals(
                1,
                delta(
                        before,
                        after,
                        "paperdigest_ingestion_runs_seconds_count",
                        "source",
                        "hf",
                        "status",
                        "SUCCEEDED"));
        assertThat(
                after.sum("paperdigest_ingestion_last_success_timestamp_seconds", "source", "hf"),
                closeTo(Instant.parse(run.getString("finishedAt")).toEpochMilli() / 1000.0, 0.001));

        // "started (…)" and "SUCCEEDED: …", logged by the run's thread, name the run, JSON lines too
        assertThat(lines, hasSize(greaterThanOrEqualTo(2)));
        assertThat(
                lines.stream().map(r -> r.getMdc(RunLogContext.KEY)).toList(), everyItem(equalTo("ingestion-" + id)));
        assertThat(new JsonFormatter().format(lines.get(0)), containsString("\"runId\":\"ingestion-" + id + "\""));
    }

    @Test
    void aFailedRunIsTimedAsFailedAndItsRejectionCounted() {
        wm.stubFor(get(urlPathEqualTo("/api/daily_papers"))
                .withQueryParam("date", WireMock.equalTo("2026-06-24"))
                .willReturn(aResponse().withHeader("Content-Type", "text/html").withBody("<html>busy</html>")));
        Metrics before = Metrics.scrape();

        assertEquals("FAILED", await(start("hf", "2026-06-24")).getString("status"));

        Metrics after = Metrics.scrape();
        assertEquals(
                1,
                delta(before, after, "paperdigest_ingestion_runs_seconds_count", "source", "hf", "status", "FAILED"));
        assertEquals(
                1, delta(before, after, "paperdigest_papers_ingested_total", "source", "hf", "result", "rejected"));
    }

    @Test
    void importsThroughTheApiAndTheFolderCountUnderSourcesOfTheirOwn(@TempDir Path folder) throws Exception {
        String base = PaperIds.base("2606");
        Metrics before = Metrics.scrape();
        admin().contentType("application/x-ndjson")
                .body(("{\"arxiv_id\":\"" + base + "1\",\"title\":\"Counted one\",\"abstract\":\"A\"}\n"
                                + "{\"arxiv_id\":\"" + base + "2\",\"title\":\"Counted two\",\"abstract\":\"B\"}\n")
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200)
                .body("created", equalTo(2));
        Path file = folder.resolve("signals-" + base + ".jsonl");
        Files.writeString(file, "{\"arxiv_id\":\"" + base + "3\",\"title\":\"From the folder\",\"abstract\":\"C\"}\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
        assertEquals(List.of(file.getFileName().toString()), folderImport.scan(folder));

        Metrics after = Metrics.scrape();
        assertEquals(
                2, delta(before, after, "paperdigest_papers_ingested_total", "source", "api", "result", "created"));
        assertEquals(
                1, delta(before, after, "paperdigest_papers_ingested_total", "source", "file", "result", "created"));
        assertEquals(
                1,
                delta(
                        before,
                        after,
                        "paperdigest_ingestion_runs_seconds_count",
                        "source",
                        "file",
                        "status",
                        "SUCCEEDED"));
    }

    @Test
    void theIngestionCheckTurnsDownWhenTheNewestSuccessIsOlderThanItsMaxAge() {
        JsonPath run = await(start("hf", "2026-06-25"));
        assertEquals("SUCCEEDED", run.getString("status"));
        RestAssured.get("/q/health/well")
                .then()
                .body(INGESTION + ".status", equalTo("UP"))
                .body(
                        INGESTION + ".data.lastSuccessAt",
                        equalTo(Instant.parse(run.getString("finishedAt")).toString()))
                .body(INGESTION + ".data.maxAgeSeconds", equalTo(36 * 3600));

        Map<Long, Instant> ended = shiftSuccesses(Duration.ofHours(48));
        try {
            RestAssured.get("/q/health/well")
                    .then()
                    .statusCode(503)
                    .body(INGESTION + ".status", equalTo("DOWN"))
                    .body(INGESTION + ".data.ageSeconds", greaterThanOrEqualTo(48 * 3600));
            RestAssured.get("/q/health/ready").then().statusCode(200);
        } finally {
            QuarkusTransaction.requiringNew()
                    .run(() -> ended.forEach(
                            (id, finishedAt) -> IngestionRun.<IngestionRun>findById(id).finishedAt = finishedAt));
        }
        RestAssured.get("/q/health/well").then().body(INGESTION + ".status", equalTo("UP"));
    }

    /** Moves the end of every successful run this far back; returns when each had ended. */
    private static Map<Long, Instant> shiftSuccesses(Duration back) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<Long, Instant> ended = new HashMap<>();
            for (IngestionRun run : IngestionRun.<IngestionRun>list("status", RunStatus.SUCCEEDED)) {
                ended.put(run.id, run.finishedAt);
                run.finishedAt = run.finishedAt.minus(back);
            }
            return ended;
        });
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    private static double delta(Metrics before, Metrics after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }
}
