package dev.paperdigest.papers.ingestion;

import dev.paperdigest.common.RunStatus;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.papers.Samples;
import dev.paperdigest.support.Admin;
import dev.paperdigest.support.RawHttp;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.paperdigest.papers.ingestion.IngestionTestSupport.admin;
import static dev.paperdigest.papers.ingestion.IngestionTestSupport.deletePapers;
import static dev.paperdigest.papers.ingestion.IngestionTestSupport.paper;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin side: starting and reading runs, imports by Content-Type, the import folder. */
@QuarkusTest
@WithTestResource(IngestionWireMock.class)
class IngestionAdminTest {

    @Inject
    FolderImport folderImport;

    @TestHTTPResource("/")
    URL testUrl;

    @Test
    void runsNeedTheAdmin() {
        given().contentType("application/json")
                .body("{\"source\":\"hf\"}")
                .post("/api/admin/ingestions")
                .then()
                .statusCode(401);
        given().auth()
                .preemptive()
                .basic("admin", "wrong")
                .get("/api/admin/ingestions/1")
                .then()
                .statusCode(401);
    }

    @Test
    void badStartsAreProblems() {
        admin().contentType("application/json")
                .body("{\"source\":\"rss\"}")
                .post("/api/admin/ingestions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString("unknown source \"rss\""));
        admin().contentType("application/json")
                .body("{\"source\":\"hf\",\"date\":\"2026-13-40\"}")
                .post("/api/admin/ingestions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("YYYY-MM-DD"));
        admin().contentType("application/json")
                .body("{}")
                .post("/api/admin/ingestions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("source is required"));
        admin().contentType("application/json")
                .body("not json")
                .post("/api/admin/ingestions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void runsAreListedNewestFirstAndByStatus() {
        long older = recordRun(RunStatus.FAILED);
        long newer = recordRun(RunStatus.SUCCEEDED);
        List<Integer> ids = admin().queryParam("size", 200)
                .get("/api/admin/ingestions")
                .then()
                .statusCode(200)
                .body("page", equalTo(0))
                .extract()
                .jsonPath()
                .getList("items.id", Integer.class);
        assertTrue(
                ids.indexOf((int) newer) >= 0 && ids.indexOf((int) newer) < ids.indexOf((int) older),
                "newest first: " + ids);
        admin().queryParam("size", 1)
                .queryParam("page", 1)
                .get("/api/admin/ingestions")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of((int) older)))
                .body("page", equalTo(1))
                .body("total", greaterThanOrEqualTo(2));
        admin().queryParam("status", "failed")
                .queryParam("size", 200)
                .get("/api/admin/ingestions")
                .then()
                .statusCode(200)
                .body("items.status", everyItem(equalTo("FAILED")))
                .body("items.id", hasItem((int) older));
        admin().queryParam("status", "bogus")
                .get("/api/admin/ingestions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    private static long recordRun(RunStatus status) {
        return QuarkusTransaction.requiringNew().call(() -> {
            IngestionRun run = new IngestionRun();
            run.source = "hf";
            run.status = status;
            run.createdAt = Instant.now();
            run.finishedAt = run.createdAt;
            run.persist();
            return run.id;
        });
    }

    @Inject
    IngestionScheduler scheduler;

    @Test
    void aRunOfAProcessThatDiedEndsFailedAndOneOfThisProcessGoesOn() {
        Instant now = Instant.now();
        String dead = "dead-" + java.util.UUID.randomUUID();
        QuarkusTransaction.requiringNew()
                .run(() -> IngestionRun.getEntityManager()
                        .createNativeQuery("INSERT INTO process_heartbeat (owner, alive_until) VALUES (?1, ?2)")
                        .setParameter(1, dead)
                        .setParameter(2, now.minusSeconds(1))
                        .executeUpdate());
        long orphan = runOf("file", dead, now);
        long mine = runOf("file", dev.paperdigest.common.JobLease.OWNER, now);

        scheduler.failOrphans();

        admin().get("/api/admin/ingestions/" + orphan)
                .then()
                .body("status", equalTo("FAILED"))
                .body("error", equalTo("interrupted: the process running it stopped"));
        admin().get("/api/admin/ingestions/" + mine).then().body("status", equalTo("RUNNING"));
        QuarkusTransaction.requiringNew().run(() -> IngestionRun.deleteById(mine));
    }

    private static long runOf(String source, String owner, Instant at) {
        return QuarkusTransaction.requiringNew().call(() -> {
            IngestionRun run = IngestionRun.queue(source, null, false, at);
            run.owner = owner;
            run.status = RunStatus.RUNNING;
            return run.id;
        });
    }

    @Test
    void unknownRunIs404() {
        admin().get("/api/admin/ingestions/987654321")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("987654321"));
        admin().get("/api/admin/ingestions/abc").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void importArxivAtomWithAffiliationsAndOldId() {
        deletePapers(List.of("astro-ph/0601001"));
        admin().contentType("application/atom+xml")
                .body(Samples.text("arxiv_api_affiliation_oldid.xml"))
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200)
                .body("received", equalTo(1))
                .body("created", equalTo(1))
                .body("rejected.size()", equalTo(0));
        Paper paper = paper("astro-ph/0601001");
        assertEquals(List.of("Andrew Gould", "Susan Dorsher", "B. Scott Gaudi", "Andrzej Udalski"), paper.authors);
        assertEquals(
                List.of("Ohio State", "Ohio State", "CfA", "Warsaw University Observatory"), paper.authorAffiliations);
        assertEquals("ActaAstron.56:1-50,2006", paper.journalRef);
        assertEquals(List.of("arxiv"), paper.sources);
        assertEquals("https://arxiv.org/abs/astro-ph/0601001", paper.arxivUrl());

        // again: nothing changes, nothing is new
        admin().contentType("application/xml")
                .body(Samples.text("arxiv_api_affiliation_oldid.xml"))
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200)
                .body("created", equalTo(0))
                .body("skipped", equalTo(1));
    }

    @Test
    void importClassicAtomAsApplicationXml() {
        admin().contentType("application/xml; charset=UTF-8")
                .body(Samples.text("arxiv_api_classic_2016.xml"))
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200)
                .body("received", equalTo(10))
                .body("rejected.size()", equalTo(0));
        assertEquals(List.of("cond-mat.str-el", "cond-mat.stat-mech"), paper("cond-mat/0412498").categories);
    }

    @Test
    void importJsonLinesRejectsBadLinesKeepsGoodOnes() {
        String body =
                "{\"arxiv_id\":\"2601.00701v3\",\"title\":\"JSONL one\",\"abstract\":\"A\",\"authors\":[\"Zoë Ng\"],\"categories\":[\"cs.CL\"]}\n"
                        + "{oops\n"
                        + "{\"arxiv_id\":\"2601.00702\",\"title\":\"JSONL two\",\"abstract\":\"B\",\"authors\":\"Ana Núñez, Bo Li\"}\n";
        admin().contentType("application/x-ndjson")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200)
                .body("received", equalTo(3))
                .body("created", equalTo(2))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].reason", startsWith("line is not JSON"));
        Paper one = paper("2601.00701");
        assertEquals(3, one.latestVersion);
        assertEquals(List.of("Zoë Ng"), one.authors);
        assertEquals(List.of("Ana Núñez", "Bo Li"), paper("2601.00702").authors);
        admin().contentType("application/jsonl")
                .body("{\"arxiv_id\":\"2601.00702\",\"title\":\"JSONL two\",\"abstract\":\"B\",\"upvotes\":3}\n"
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200)
                .body("updated", equalTo(1));
    }

    @Test
    void importHuggingFaceJson() {
        admin().contentType("application/json")
                .body(Samples.text("hf_daily_papers_2024-10-25_excerpt.json"))
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200)
                .body("received", equalTo(2));
    }

    @Test
    void unknownContentTypeIs415() {
        admin().contentType("text/plain")
                .body("hello")
                .post("/api/admin/papers/import")
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("detail", containsString("application/x-ndjson"));
    }

    @Test
    void tooLargeIsRefusedOnItsHeadersBeforeTheBodyIsSent() {
        // the test limit is 1M; a careful client asks first (Expect: 100-continue) and is told no
        RawHttp.Answer answer = RawHttp.headersOnly(
                testUrl,
                "POST",
                "/api/admin/papers/import",
                Map.of(
                        "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        ("admin:" + Admin.PASSWORD).getBytes(StandardCharsets.UTF_8)),
                        "Content-Type", "application/x-ndjson",
                        "Content-Length", "1200000",
                        "Expect", "100-continue"));
        assertEquals(413, answer.status());
        assertFalse(answer.head().contains("100 Continue"), answer.head());
        assertTrue(answer.body().contains("\"status\":413"), answer.body());
    }

    @Test
    void filesInTheImportFolderAreImportedAndMovedAside() throws Exception {
        Path folder = IngestionWireMock.importFolder;
        Path jsonl = folder.resolve("batch-1.jsonl");
        Files.writeString(
                jsonl,
                "{\"arxiv_id\":\"2601.00801\",\"title\":\"From a file\",\"abstract\":\"F\",\"authors\":[\"Ana Núñez\"]}\n");
        Path broken = folder.resolve("broken.xml");
        Files.writeString(
                broken, Samples.text("arxiv_api_affiliation_oldid.xml").substring(0, 1500));
        Path unknown = folder.resolve("notes.txt");
        Files.writeString(unknown, "not papers");
        Path fresh = folder.resolve("still-writing.jsonl");
        Files.writeString(fresh, "{\"arxiv_id\":\"2601.00802\"");
        FileTime old = FileTime.from(Instant.now().minusSeconds(60));
        for (Path file : List.of(jsonl, broken, unknown)) {
            Files.setLastModifiedTime(file, old);
        }

        List<String> handled = folderImport.scan(folder);

        assertEquals(List.of("batch-1.jsonl", "broken.xml", "notes.txt"), handled);
        assertEquals(List.of("Ana Núñez"), paper("2601.00801").authors);
        assertTrue(Files.exists(folder.resolve("imported/batch-1.jsonl")));
        assertTrue(Files.readString(folder.resolve("imported/batch-1.jsonl.report.json"))
                .contains("\"created\" : 1"));
        assertTrue(Files.exists(folder.resolve("failed/broken.xml")));
        assertTrue(Files.readString(folder.resolve("failed/broken.xml.report.json"))
                .contains("malformed document"));
        assertTrue(Files.exists(folder.resolve("failed/notes.txt")));
        assertTrue(Files.exists(fresh), "a file still being written is left for the next look");
        assertFalse(Files.exists(jsonl));

        // each file is an ingestion run of source "file", newest first
        List<Map<String, Object>> runs = admin().queryParam("size", 200)
                .get("/api/admin/ingestions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.findAll { it.source == 'file' }");
        assertEquals(3, runs.size(), runs.toString());
        Map<String, Object> unknownKind = runs.get(0);
        assertEquals("FAILED", unknownKind.get("status"));
        assertTrue(
                ((String) unknownKind.get("error")).startsWith("notes.txt: unknown kind of file"),
                unknownKind.toString());
        Map<String, Object> malformed = runs.get(1);
        assertEquals("FAILED", malformed.get("status"));
        assertTrue(
                ((String) malformed.get("error")).startsWith("broken.xml: malformed document"), malformed.toString());
        assertEquals(1, malformed.get("failed"));
        Map<String, Object> imported = runs.get(2);
        assertEquals("SUCCEEDED", imported.get("status"));
        assertEquals(1, imported.get("fetched"));
        assertEquals(1, imported.get("created"));
        assertEquals(0, imported.get("failed"));
        assertEquals(1.0f, ((Number) imported.get("progress")).floatValue());
        assertEquals(List.of(), imported.get("rejected"));
        admin().queryParam("status", "succeeded")
                .queryParam("size", 200)
                .get("/api/admin/ingestions")
                .then()
                .body("items.findAll { it.source == 'file' }.size()", equalTo(1));
    }
}
