package dev.paperdigest.papers.ingestion;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.paperdigest.common.RunStatus;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.papers.Samples;
import dev.paperdigest.papers.sources.HfDailyPapersSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.paperdigest.papers.ingestion.IngestionTestSupport.admin;
import static dev.paperdigest.papers.ingestion.IngestionTestSupport.await;
import static dev.paperdigest.papers.ingestion.IngestionTestSupport.deletePapers;
import static dev.paperdigest.papers.ingestion.IngestionTestSupport.entry;
import static dev.paperdigest.papers.ingestion.IngestionTestSupport.feed;
import static dev.paperdigest.papers.ingestion.IngestionTestSupport.forgetRuns;
import static dev.paperdigest.papers.ingestion.IngestionTestSupport.paper;
import static dev.paperdigest.papers.ingestion.IngestionTestSupport.paperCount;
import static dev.paperdigest.papers.ingestion.IngestionTestSupport.start;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sources against a WireMock upstream serving the real samples and made-up faults. */
@QuarkusTest
@WithTestResource(IngestionWireMock.class)
class IngestionSourcesTest {

    private static final String ATOM = "application/atom+xml; charset=utf-8";

    @Inject
    IngestionScheduler scheduler;

    @Inject
    HfDailyPapersSource hfSource;

    WireMockServer wm;

    @BeforeEach
    void stubs() {
        wm = IngestionWireMock.server;
        wm.resetAll();
        // anything not stubbed by a test: an empty day, an arXiv look-up that knows nothing
        wm.stubFor(get(urlPathEqualTo("/api/daily_papers"))
                .atPriority(10)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("[]")));
        wm.stubFor(get(urlPathEqualTo("/api/query"))
                .atPriority(10)
                .willReturn(
                        aResponse().withHeader("Content-Type", ATOM).withBody(Samples.text("arxiv_api_empty.xml"))));
    }

    private static MappingBuilder hfDay(String date) {
        return get(urlPathEqualTo("/api/daily_papers")).withQueryParam("date", equalTo(date));
    }

    private static MappingBuilder arxivPage(int start) {
        return get(urlPathEqualTo("/api/query"))
                .withQueryParam("search_query", matching(".+"))
                .withQueryParam("start", equalTo(String.valueOf(start)));
    }

    private static MappingBuilder arxivLookup(String idPattern) {
        return get(urlPathEqualTo("/api/query")).withQueryParam("id_list", matching(idPattern));
    }

    private static ResponseDefinitionBuilder atom(String body) {
        return aResponse().withHeader("Content-Type", ATOM).withBody(body);
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    /** The real sample, its totalResults set to what it holds (the real one says 214881). */
    private static String sampleFeed(String name, int entries) {
        return Samples.text(name)
                .replaceFirst("<opensearch:totalResults>\\d+<", "<opensearch:totalResults>" + entries + "<");
    }

    private static String hfItem(String id, String title, int upvotes, String... authors) {
        StringBuilder names = new StringBuilder();
        for (String author : authors) {
            names.append(names.length() == 0 ? "" : ",")
                    .append("{\"name\":\"")
                    .append(author)
                    .append("\",\"hidden\":false}");
        }
        return "{\"paper\":{\"id\":\"" + id + "\",\"authors\":[" + names
                + "],\"publishedAt\":\"2026-01-05T10:00:00.000Z\","
                + "\"title\":\"" + title + "\",\"summary\":\"HF summary of " + title + "\",\"upvotes\":" + upvotes
                + ",\"githubRepo\":\"https://github.com/example/" + id
                + "\"},\"publishedAt\":\"2026-01-06T00:00:00.000Z\","
                + "\"numComments\":2,\"thumbnail\":\"https://example.org/" + id + ".png\"}";
    }

    @Test
    void hfDayFromTheRealSampleGetsCategoriesFromArxiv() {
        wm.stubFor(hfDay("2026-06-12")
                .withQueryParam("p", equalTo("0"))
                .withQueryParam("limit", equalTo("20"))
                .willReturn(json(Samples.text("hf_daily_papers.json"))));
        wm.stubFor(hfDay("2026-06-12").withQueryParam("p", equalTo("1")).willReturn(json("[]")));
        Instant t = Instant.parse("2026-06-10T12:00:00Z");
        wm.stubFor(arxivLookup(".*2606\\.12575.*")
                .willReturn(atom(feed(
                        2,
                        entry(
                                "2606.12575v2",
                                "High-Fidelity Two-Step Image Generation",
                                t,
                                List.of("Dongyang Liu"),
                                "cs.CV",
                                "cs.LG"),
                        entry(
                                "2606.00467v1",
                                "On the Limits of LLM Adaptability",
                                t,
                                List.of("Etienne Casanova"),
                                "cs.CL")))));

        JsonPath run = await(start("hf", "2026-06-12"));

        assertEquals("SUCCEEDED", run.getString("status"));
        assertEquals("hf", run.getString("source"));
        assertEquals(30, run.getInt("fetched"));
        assertEquals(30, run.getInt("created") + run.getInt("updated"));
        assertEquals(0, run.getInt("failed"));
        assertEquals(3, run.getInt("requests"));
        assertEquals(1.0, run.getDouble("progress"), 1e-9);
        assertNotNull(run.getString("startedAt"));
        assertNotNull(run.getString("finishedAt"));
        assertNull(run.getString("error"));

        Paper distilled = paper("2606.12575");
        assertEquals(
                "High-Fidelity Two-Step Image Generation via Teacher-Aligned End-to-End Distillation", distilled.title);
        assertEquals(
                List.of(
                        "Dongyang Liu",
                        "Ruoyi Du",
                        "David Liu",
                        "Dengyang Jiang",
                        "Liangchen Li",
                        "Qilong Wu",
                        "Zhen Li",
                        "Steven C. H. Hoi",
                        "Hongsheng Li",
                        "Peng Gao"),
                distilled.authors,
                "hidden author kept in place");
        assertEquals(List.of("cs.CV", "cs.LG"), distilled.categories, "categories from arXiv, primary first");
        assertEquals(LocalDate.of(2026, 6, 12), distilled.listedOn, "listed on the day asked for");
        assertEquals(List.of("hf"), distilled.sources);
        assertEquals(3, distilled.numComments);
        assertNull(distilled.latestVersion, "the look-up gives categories only; versions come from arXiv runs");

        Paper annotation = paper("2606.00467");
        assertEquals(List.of("cs.CL"), annotation.categories);
        assertEquals(Instant.parse("2026-05-30T00:00:00Z"), annotation.publishedAt);
        assertEquals(0, annotation.upvotes);
        assertEquals("zero-shot annotation", annotation.aiKeywords.get(0));

        // one look-up for the whole page, every id of it
        List<LoggedRequest> lookups = wm.findAll(getRequestedFor(urlPathEqualTo("/api/query")));
        assertEquals(1, lookups.size());
        assertEquals(30, lookups.get(0).queryParameter("id_list").firstValue().split(",").length);
        assertEquals("30", lookups.get(0).queryParameter("max_results").firstValue());
    }

    @Test
    void hf2024SchemaAndWrappedTitles() {
        wm.stubFor(hfDay("2024-10-25").willReturn(json(Samples.text("hf_daily_papers_2024-10-25_excerpt.json"))));
        JsonPath run = await(start("hf", "2024-10-25"));
        assertEquals("SUCCEEDED", run.getString("status"));
        assertEquals(2, run.getInt("fetched"));
        Paper paper = paper("2410.17243");
        assertEquals("Breaking the Memory Barrier: Near Infinite Batch Size Scaling for Contrastive Loss", paper.title);
        assertEquals(64, paper.upvotes);
        assertEquals("Zesen Cheng", paper.authors.get(0));
        assertEquals(List.of(), paper.categories, "arXiv did not know it: no categories");
    }

    @Test
    void emptyDayIsNotAnError() {
        JsonPath run = await(start("hf", "2026-06-13"));
        assertEquals("SUCCEEDED", run.getString("status"));
        assertEquals(0, run.getInt("fetched"));
        assertEquals(1, run.getInt("requests"), "no arXiv look-up for nothing");
    }

    @Test
    void nonJsonBodyFailsTheRunWithItsReason() {
        wm.stubFor(hfDay("2026-06-14")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html><body>Gateway hiccup</body></html>")));
        JsonPath run = await(start("hf", "2026-06-14"));
        assertEquals("FAILED", run.getString("status"));
        assertTrue(run.getString("error").contains("Hugging Face 2026-06-14 page 0"), run.getString("error"));
        assertEquals(1, run.getInt("failed"));
        assertTrue(
                run.getString("rejected[0].reason").contains("Unexpected character"),
                run.getString("rejected[0].reason"));
    }

    @Test
    void hfCatchUpFetchesEveryDaySinceTheLastSuccessAndRetriesAFailedDay() {
        LocalDate today = lastHfSuccessDaysAgo(3);
        String down = today.minusDays(1).toString();
        wm.stubFor(hfDay(down).willReturn(aResponse().withStatus(503)));
        wm.stubFor(hfDay(today.minusDays(2).toString())
                .willReturn(json("[" + hfItem("2601.00101", "Catch-up paper", 5, "Ana Núñez") + "]")));

        JsonPath first = await(start("hf", null));
        assertEquals("FAILED", first.getString("status"));
        assertTrue(first.getString("error").contains("HTTP 503"), first.getString("error"));
        assertTrue(first.getString("error").contains("Hugging Face " + down), first.getString("error"));
        assertEquals(1, paperCount("2601.00101"), "the other days were stored");

        // the upstream is back: the next run starts again from the last success, the failed day included
        wm.stubFor(
                hfDay(down).willReturn(json("[" + hfItem("2601.00102", "Paper of the missed day", 9, "Bo Li") + "]")));
        JsonPath second = await(start("hf", null));
        assertEquals("SUCCEEDED", second.getString("status"));
        assertEquals(LocalDate.parse(down), paper("2601.00102").listedOn);
        for (int back = 0; back <= 3; back++) {
            String day = today.minusDays(back).toString();
            long asked = wm.findAll(getRequestedFor(urlPathEqualTo("/api/daily_papers"))).stream()
                    .filter(r -> r.queryParameter("date").firstValue().equals(day))
                    .count();
            // both runs asked for every day; the day that was down three times (retries) in the first
            assertEquals(day.equals(down) ? 4 : 2, asked, "requests for " + day);
        }
    }

    /** Forgets the runs of Hugging Face but one that succeeded {@code days} ago; returns today. */
    private static LocalDate lastHfSuccessDaysAgo(int days) {
        forgetRuns("hf");
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            IngestionRun done = new IngestionRun();
            done.source = "hf";
            done.status = RunStatus.SUCCEEDED;
            done.createdAt = now.minus(Duration.ofDays(days));
            done.startedAt = done.createdAt;
            done.finishedAt = done.createdAt;
            done.persist();
        });
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    private long hfRequests() {
        return wm.findAll(getRequestedFor(urlPathEqualTo("/api/daily_papers"))).size();
    }

    @Test
    void aCancelledRunStopsAtTheNextDayKeepsWhatItStoredAndTheNextRunFetchesTheRest() {
        LocalDate today = lastHfSuccessDaysAgo(3);
        for (int back = 0; back <= 3; back++) {
            String id = "2601.0012" + back;
            wm.stubFor(hfDay(today.minusDays(back).toString())
                    .willReturn(json("[" + hfItem(id, "Paper " + id, 3, "Ana Núñez") + "]")
                            .withFixedDelay(1000)));
        }
        long run = start("hf", null);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> hfRequests() == 1);

        admin().post("/api/admin/ingestions/" + run + "/cancel")
                .then()
                .statusCode(202)
                .body("id", equalTo((int) run));
        JsonPath cancelled = await(run);
        assertEquals("CANCELLED", cancelled.getString("status"));
        assertEquals("cancelled by an operator", cancelled.getString("error"));
        assertEquals(1, cancelled.getInt("created"), "the day fetched before the cancel is kept");
        assertEquals(1, hfRequests(), "no day is asked for after the cancel");
        admin().post("/api/admin/ingestions/" + run + "/cancel")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("has already ended"));
        admin().post("/api/admin/ingestions/987654321/cancel").then().statusCode(404);

        // a cancelled run is no success: the next catch-up starts from the last one again
        JsonPath next = await(start("hf", null));
        assertEquals("SUCCEEDED", next.getString("status"));
        assertEquals(3, next.getInt("created"));
        assertEquals(1, next.getInt("skipped"));
        for (int back = 0; back <= 3; back++) {
            assertEquals(1, paperCount("2601.0012" + back));
        }
    }

    @Test
    void arxivCatchUpPagesPolitelyAndNewestFirst() {
        forgetRuns("arxiv");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String[] ids = {
            "2601.00201",
            "2601.00202",
            "2601.00203",
            "2601.00204",
            "2601.00205",
            "2601.00206",
            "2601.00207",
            "2601.00208"
        };
        deletePapers(List.of(ids));
        String[] entries = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            entries[i] = entry(
                    ids[i] + "v1",
                    "Paged paper " + i,
                    now.minus(Duration.ofHours(i + 1)),
                    List.of("Author " + i, "Łukasz Kaiser"),
                    i % 2 == 0 ? "cs.LG" : "cs.CL",
                    "stat.ML");
        }
        wm.stubFor(arxivPage(0).willReturn(atom(feed(8, entries[0], entries[1], entries[2]))));
        wm.stubFor(arxivPage(3).willReturn(atom(feed(8, entries[3], entries[4], entries[5]))));
        wm.stubFor(arxivPage(6).willReturn(atom(feed(8, entries[6], entries[7]))));

        JsonPath run = await(start("arxiv", null));

        assertEquals("SUCCEEDED", run.getString("status"), run.prettify());
        assertEquals(8, run.getInt("fetched"));
        assertEquals(8, run.getInt("created"));
        assertEquals(3, run.getInt("requests"));
        Paper third = paper("2601.00203");
        assertEquals("Paged paper 2", third.title);
        assertEquals(List.of("cs.LG", "stat.ML"), third.categories);
        assertEquals(List.of("Author 2", "Łukasz Kaiser"), third.authors);
        assertEquals(1, third.latestVersion);
        assertEquals(now.minus(Duration.ofHours(3)), third.publishedAt);
        assertEquals("Abstract of Paged paper 2, with $\\alpha$ and & kept.", third.abstractText);
        assertEquals("https://arxiv.org/pdf/2601.00203v1", third.pdfLink);
        assertEquals(List.of("arxiv"), third.sources);

        List<LoggedRequest> requests = wm.findAll(getRequestedFor(urlPathEqualTo("/api/query")));
        assertEquals(3, requests.size());
        for (LoggedRequest request : requests) {
            assertEquals(
                    "cat:cs.CL OR cat:cs.LG",
                    request.queryParameter("search_query").firstValue());
            assertEquals("submittedDate", request.queryParameter("sortBy").firstValue());
            assertEquals("descending", request.queryParameter("sortOrder").firstValue());
            assertEquals("3", request.queryParameter("max_results").firstValue());
        }
        for (int i = 1; i < requests.size(); i++) {
            long gap = requests.get(i).getLoggedDate().getTime()
                    - requests.get(i - 1).getLoggedDate().getTime();
            assertTrue(gap >= IngestionWireMock.ARXIV_DELAY_MILLIS - 5, "requests " + gap + " ms apart");
        }
    }

    @Test
    void arxivStopsAtEntriesOlderThanTheWindow() {
        forgetRuns("arxiv");
        Instant now = Instant.now();
        wm.stubFor(arxivPage(0)
                .willReturn(atom(feed(
                        500,
                        entry("2601.00301v1", "Fresh", now.minus(Duration.ofHours(2)), List.of("A"), "cs.CL"),
                        entry("2601.00302v1", "Day old", now.minus(Duration.ofDays(1)), List.of("B"), "cs.CL"),
                        entry(
                                "2601.00303v1",
                                "Older than the first-run window",
                                now.minus(Duration.ofDays(5)),
                                List.of("C"),
                                "cs.LG")))));
        JsonPath run = await(start("arxiv", null));
        assertEquals("SUCCEEDED", run.getString("status"));
        assertEquals(3, run.getInt("fetched"));
        assertEquals(
                1, wm.findAll(getRequestedFor(urlPathEqualTo("/api/query"))).size(), "no page after the window");
    }

    @Test
    void arxivRealSampleForOneDay() {
        deletePapers(List.of("2202.12139", "2405.13786", "2005.14124"));
        wm.stubFor(arxivPage(0).willReturn(atom(sampleFeed("arxiv_api.xml", 10))));
        JsonPath run = await(start("arxiv", "2026-06-11"));
        assertEquals("SUCCEEDED", run.getString("status"));
        assertEquals("2026-06-11", run.getString("date"));
        assertEquals(10, run.getInt("fetched"));
        assertEquals(10, run.getInt("created") + run.getInt("updated") + run.getInt("skipped"));
        String query = wm.findAll(getRequestedFor(urlPathEqualTo("/api/query")))
                .get(0)
                .queryParameter("search_query")
                .firstValue();
        assertEquals("(cat:cs.CL OR cat:cs.LG) AND submittedDate:[202606110000 TO 202606112359]", query);

        Paper doi = paper("2202.12139");
        assertEquals("10.1109/ICSTW55395.2022.00035", doi.doi);
        assertEquals("Artificial Intelligence in Software Testing 2022 workshop @ ICST 2022", doi.comment);
        assertTrue(doi.journalRef.contains("ICSTW"));
        assertEquals(List.of("cs.SE", "cs.LG"), doi.categories);
        assertEquals(LocalDate.of(2022, 2, 25), doi.listedOn, "its announcement day, not the day it was fetched");
        Paper accents = paper("2405.13786");
        assertEquals(List.of("Aurora Ramírez", "Mario Berrios", "José Raúl Romero", "Robert Feldt"), accents.authors);
        Paper v2 = paper("2005.14124");
        assertEquals(2, v2.latestVersion);
        assertEquals(Instant.parse("2020-05-28T16:19:50Z"), v2.publishedAt);
        assertEquals(Instant.parse("2020-07-16T08:15:48Z"), v2.updatedAt);
        assertEquals(List.of("cs.SE", "cs.CR", "cs.LG"), v2.categories);
        assertEquals(LocalDate.of(2020, 5, 29), v2.listedOn, "the announcement of its first version");
    }

    @Test
    void aPaperBelongsToItsArxivAnnouncementDayUntilHuggingFaceListsIt() {
        // Thursday 14:30 in New York, after the deadline: announced on Sunday evening, Monday's listing
        Instant submitted = Instant.parse("2026-01-08T19:30:00Z");
        String arxivEntry = entry("2601.00711v1", "Announced for Monday", submitted, List.of("Ana Núñez"), "cs.CL");
        wm.stubFor(arxivPage(0).willReturn(atom(feed(1, arxivEntry))));
        assertEquals("SUCCEEDED", await(start("arxiv", "2026-01-08")).getString("status"));
        assertEquals(LocalDate.of(2026, 1, 12), paper("2601.00711").listedOn);

        // Hugging Face lists it on Friday: its day is Hugging Face's, even an earlier one
        wm.stubFor(hfDay("2026-01-09")
                .willReturn(json("[" + hfItem("2601.00711", "Announced for Monday", 12, "Ana Núñez") + "]")));
        assertEquals("SUCCEEDED", await(start("hf", "2026-01-09")).getString("status"));
        assertEquals(LocalDate.of(2026, 1, 9), paper("2601.00711").listedOn);

        // arXiv again (a second version) moves it no more; Hugging Face listing it again later does
        wm.stubFor(arxivPage(0).willReturn(atom(feed(1, arxivEntry.replace("2601.00711v1", "2601.00711v2")))));
        assertEquals("SUCCEEDED", await(start("arxiv", "2026-01-08")).getString("status"));
        assertEquals(2, paper("2601.00711").latestVersion);
        assertEquals(LocalDate.of(2026, 1, 9), paper("2601.00711").listedOn);
        wm.stubFor(hfDay("2026-01-13")
                .willReturn(json("[" + hfItem("2601.00711", "Announced for Monday", 30, "Ana Núñez") + "]")));
        assertEquals("SUCCEEDED", await(start("hf", "2026-01-13")).getString("status"));
        assertEquals(LocalDate.of(2026, 1, 13), paper("2601.00711").listedOn, "trending again");
    }

    @Test
    void arxiv429ThenOkIsRetried() {
        Instant now = Instant.now();
        wm.stubFor(arxivPage(0)
                .inScenario("rate")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("calm")
                .willReturn(aResponse().withStatus(429).withBody("Rate exceeded.")));
        wm.stubFor(arxivPage(0)
                .inScenario("rate")
                .whenScenarioStateIs("calm")
                .willReturn(atom(feed(1, entry("2601.00401v1", "After the rate limit", now, List.of("A"), "cs.CL")))));
        JsonPath run = await(start("arxiv", "2026-06-01"));
        assertEquals("SUCCEEDED", run.getString("status"));
        assertEquals(2, run.getInt("requests"));
        assertEquals("After the rate limit", paper("2601.00401").title);
    }

    @Test
    void retryAfterIsHonoured() {
        wm.stubFor(hfDay("2026-06-02")
                .inScenario("busy")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("free")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        wm.stubFor(hfDay("2026-06-02")
                .inScenario("busy")
                .whenScenarioStateIs("free")
                .willReturn(json("[" + hfItem("2601.00402", "Patience", 1, "A") + "]")));
        JsonPath run = await(start("hf", "2026-06-02"));
        assertEquals("SUCCEEDED", run.getString("status"));
        List<LoggedRequest> asked = wm.findAll(getRequestedFor(urlPathEqualTo("/api/daily_papers")));
        assertEquals(2, asked.size());
        long gap = asked.get(1).getLoggedDate().getTime()
                - asked.get(0).getLoggedDate().getTime();
        assertTrue(gap >= 1000, "waited " + gap + " ms, Retry-After said 1 s");
    }

    @Test
    void serverErrorsFailTheRunAfterTheRetries() {
        wm.stubFor(arxivPage(0).willReturn(aResponse().withStatus(500).withBody("oops")));
        JsonPath run = await(start("arxiv", "2026-06-03"));
        assertEquals("FAILED", run.getString("status"));
        assertEquals(3, run.getInt("requests"));
        assertTrue(run.getString("error").contains("HTTP 500"), run.getString("error"));
    }

    @Test
    void timeoutIsRetried() {
        Instant now = Instant.now();
        wm.stubFor(arxivPage(0)
                .inScenario("slow")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("quick")
                .willReturn(atom(feed(0)).withFixedDelay(3000)));
        wm.stubFor(arxivPage(0)
                .inScenario("slow")
                .whenScenarioStateIs("quick")
                .willReturn(atom(feed(1, entry("2601.00403v1", "After a timeout", now, List.of("A"), "cs.LG")))));
        JsonPath run = await(start("arxiv", "2026-06-04"));
        assertEquals("SUCCEEDED", run.getString("status"));
        assertEquals(2, run.getInt("requests"));
        assertEquals("After a timeout", paper("2601.00403").title);
    }

    @Test
    void aBodyThatStopsComingFailsTheDocumentInsteadOfHangingTheRun() throws Exception {
        byte[] page = feed(1, entry("2601.00404v1", "Stalled", Instant.now(), List.of("A"), "cs.CL"))
                .getBytes(StandardCharsets.UTF_8);
        CountDownLatch finished = new CountDownLatch(1);
        try (ServerSocket stalling = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread upstream = new Thread(() -> sendHalfThenWait(stalling, page, finished));
            upstream.setDaemon(true);
            upstream.start();
            // WireMock cannot send a head at once and stall in the body: it sends the client on
            wm.stubFor(arxivPage(0)
                    .willReturn(aResponse()
                            .withStatus(302)
                            .withHeader("Location", "http://127.0.0.1:" + stalling.getLocalPort() + "/api/query")));

            JsonPath run = await(start("arxiv", "2026-06-07"));

            assertEquals("FAILED", run.getString("status"));
            // the body's watch (GuardedStream) or the HTTP client's own timeout ends it, whichever comes first
            assertTrue(run.getString("error").contains("arXiv page start=0"), run.getString("error"));
            assertEquals(0, paperCount("2601.00404"));
        } finally {
            finished.countDown();
        }
    }

    /** Answers one request with its head and half its body, then sends nothing until told (the test timeout is 2 s). */
    private static void sendHalfThenWait(ServerSocket server, byte[] body, CountDownLatch finished) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            for (int ends = 0; ends < 4; ) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                ends = b == (ends % 2 == 0 ? '\r' : '\n') ? ends + 1 : b == '\r' ? 1 : 0; // up to the blank line
            }
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + ATOM + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            finished.await(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            // the test is over
        }
    }

    @Test
    void truncatedXmlKeepsTheGoodEntriesAndFails() {
        deletePapers(List.of("2202.12139", "2405.13786", "2005.14124"));
        String full = sampleFeed("arxiv_api.xml", 10);
        String cut = full.substring(0, full.indexOf("<entry>", full.indexOf("2405.13786")) + 300);
        wm.stubFor(arxivPage(0).willReturn(atom(cut)));
        JsonPath run = await(start("arxiv", "2026-06-05"));
        assertEquals("FAILED", run.getString("status"));
        assertEquals(2, run.getInt("created"));
        assertTrue(
                run.getString("rejected[0].reason").contains("not well-formed XML"),
                run.getString("rejected[0].reason"));
        assertEquals(
                "Towards Explainable Test Case Prioritisation with Learning-to-Rank Models", paper("2405.13786").title);
        assertEquals(0, paperCount("2005.14124"), "nothing half-written from the broken entry");
    }

    @Test
    void aNewVersionUpdatesThePaperAndNeverMakesItNewAgain() {
        Instant published = Instant.parse("2026-01-10T09:00:00Z");
        wm.stubFor(arxivPage(0)
                .withQueryParam("search_query", matching(".*20260110.*"))
                .willReturn(
                        atom(feed(1, entry("2601.00501v1", "First title", published, List.of("Zoë Ďurčo"), "cs.CL")))));
        assertEquals("SUCCEEDED", await(start("arxiv", "2026-01-10")).getString("status"));
        Instant matched = Instant.parse("2026-01-11T06:00:00Z");
        QuarkusTransaction.requiringNew()
                .run(() -> Paper.update("matchedAt = ?1 where arxivId = ?2", matched, "2601.00501"));
        Paper before = paper("2601.00501");

        wm.stubFor(arxivPage(0)
                .withQueryParam("search_query", matching(".*20260111.*"))
                .willReturn(atom(feed(
                        1,
                        entry(
                                "2601.00501v2",
                                "Second title",
                                published,
                                List.of("Zoë Ďurčo", "Bo Li"),
                                "cs.CL",
                                "cs.AI")))));
        JsonPath run = await(start("arxiv", "2026-01-11"));
        assertEquals(0, run.getInt("created"));
        assertEquals(1, run.getInt("updated"));

        Paper after = paper("2601.00501");
        assertEquals(1, paperCount("2601.00501"));
        assertEquals(2, after.latestVersion);
        assertEquals("Second title", after.title);
        assertEquals(List.of("Zoë Ďurčo", "Bo Li"), after.authors);
        assertEquals(List.of("cs.CL", "cs.AI"), after.categories);
        assertEquals(matched, after.matchedAt, "still matched: not new again");
        assertEquals(before.firstSeenAt, after.firstSeenAt);
        assertEquals("https://arxiv.org/pdf/2601.00501v2", after.pdfLink);

        // the same v2 once more changes nothing
        JsonPath again = await(start("arxiv", "2026-01-11"));
        assertEquals(1, again.getInt("skipped"));
        assertEquals(0, again.getInt("updated"));
    }

    @Test
    void theSamePaperFromBothSourcesIsOnePaper() {
        wm.stubFor(hfDay("2026-01-06")
                .willReturn(json("[" + hfItem("2601.00601", "Both sources", 42, "Ana Núñez", "Bo Li") + "]")));
        Instant published = Instant.parse("2026-01-05T10:00:00Z");
        String arxivEntry =
                entry("2601.00601v1", "Both sources", published, List.of("Ana Núñez", "Bo Li"), "cs.CL", "cs.LG");
        wm.stubFor(arxivLookup(".*2601\\.00601.*").willReturn(atom(feed(1, arxivEntry))));
        assertEquals("SUCCEEDED", await(start("hf", "2026-01-06")).getString("status"));
        Paper fromHf = paper("2601.00601");
        assertEquals(List.of("cs.CL", "cs.LG"), fromHf.categories);
        assertEquals(42, fromHf.upvotes);

        wm.stubFor(
                arxivPage(0)
                        .willReturn(
                                atom(
                                        feed(
                                                1,
                                                arxivEntry.replace(
                                                        "<author><name>Bo Li</name></author>",
                                                        "<author><name>Bo Li</name><arxiv:affiliation>Tsinghua University</arxiv:affiliation></author>")))));
        JsonPath run = await(start("arxiv", "2026-01-05"));
        assertEquals(1, run.getInt("updated"));

        Paper both = paper("2601.00601");
        assertEquals(1, paperCount("2601.00601"));
        assertEquals(List.of("hf", "arxiv"), both.sources);
        assertEquals(42, both.upvotes, "upvotes from Hugging Face stay");
        assertEquals(1, both.latestVersion, "version from arXiv");
        assertEquals(List.of("Ana Núñez", "Bo Li"), both.authors);
        assertEquals(List.of("", "Tsinghua University"), both.authorAffiliations);
        assertEquals("https://github.com/example/2601.00601", both.githubRepo);
        assertEquals(LocalDate.of(2026, 1, 6), both.listedOn);
    }

    @Test
    void aSourceNeverRunsTwiceAtOnce() {
        wm.stubFor(hfDay("2026-06-20").willReturn(json("[]").withFixedDelay(1500)));
        long first = start("hf", "2026-06-20");
        admin().contentType("application/json")
                .body("{\"source\":\"hf\",\"date\":\"2026-06-21\"}")
                .post("/api/admin/ingestions")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("already running (run " + first + ")"));
        assertNull(scheduler.tick(hfSource), "the scheduled tick is skipped too");
        assertEquals("SUCCEEDED", await(first).getString("status"));
        // free again
        assertEquals("SUCCEEDED", await(start("hf", "2026-06-21")).getString("status"));
    }
}
