package dev.paperdigest.admin.console;

import dev.paperdigest.common.JobLease;
import dev.paperdigest.support.Admin;
import dev.paperdigest.support.Links;
import dev.paperdigest.support.Mailbox;
import dev.paperdigest.support.PaperIds;
import dev.paperdigest.support.ScriptedRelay;
import dev.paperdigest.support.SmtpServer;
import dev.paperdigest.support.Subscribers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.equalToIgnoringCase;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The operators' console at /admin, against what the service really did: subscribers who signed up,
 * confirmed, left and bounced, papers imported, digests sent and refused by an SMTP server. Other
 * test classes share the database, so each test compares the page before and after what it did.
 */
@QuarkusTest
class AdminConsoleTest {

    @Inject
    JobLease lease;

    @Inject
    EntityManager em;

    /** A made-up word, so other test classes' subscribers and papers never interfere. */
    private final String topic = "okapi" + UUID.randomUUID().toString().substring(0, 6);

    @Test
    void aBrowserWithoutThePasswordIsAskedForIt() {
        given().get("/admin")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalToIgnoringCase("basic realm=\"Paper Digest admin\""));
        given().auth()
                .preemptive()
                .basic("admin", "not-the-password")
                .get("/admin")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalToIgnoringCase("basic realm=\"Paper Digest admin\""));
        given().post("/admin/deliveries/retry-failed").then().statusCode(401);
        given().post("/admin/digest-runs/1/cancel").then().statusCode(401);
        given().post("/admin/ingestions/1/cancel").then().statusCode(401);
    }

    @Test
    void aUserWithoutTheAdminRoleIsRefused() {
        reader().get("/admin").then().statusCode(403);
        reader().post("/admin/deliveries/retry-failed").then().statusCode(403);
        reader().post("/admin/digest-runs/1/cancel").then().statusCode(403);
        reader().post("/admin/ingestions/1/cancel").then().statusCode(403);
    }

    @Test
    void itsButtonsCannotBePressedFromAnotherSite() {
        Admin.admin()
                .header("Sec-Fetch-Site", "cross-site")
                .redirects()
                .follow(false)
                .post("/admin/deliveries/retry-failed")
                .then()
                .statusCode(403);
        Admin.admin()
                .header("Origin", "https://evil.example")
                .redirects()
                .follow(false)
                .post("/admin/digest-runs/1/cancel")
                .then()
                .statusCode(403);
    }

    @Test
    void showsTodaysSubscribersByStatusAndPapersBySource() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String yesterday = today.minusDays(1).toString();
        String before = page();

        String bouncing = Subscribers.uniqueEmail("bouncing");
        for (String email : List.of(Subscribers.uniqueEmail("active"), Subscribers.uniqueEmail("active"), bouncing)) {
            Subscribers.importActive(email, topic);
        }
        for (int i = 0; i < 2; i++) {
            Admin.admin()
                    .contentType("application/json")
                    .body(Map.of("email", bouncing, "reason", "550 5.1.1 gone"))
                    .post("/api/admin/bounces")
                    .then()
                    .statusCode(200);
        }
        Subscribers.signUp(Subscribers.uniqueEmail("pending"), topic, "", "");
        String leaving = Subscribers.uniqueEmail("leaving");
        Subscribers.signUp(leaving, topic, "", "");
        String unsubscribe = Mailbox.await(leaving, 1).get(0).link("http://localhost:8080/unsubscribe?token=");
        RestAssured.given().post(Links.pathAndQuery(unsubscribe)).then().statusCode(200);

        String base = PaperIds.base("2612");
        Admin.jsonLines("""
                        {"arxiv_id": "%s1", "title": "Console paper one", "abstract": "About %s.", "authors": ["Ada Lovelace"], "categories": ["cs.LG"]}
                        {"arxiv_id": "%s2", "title": "Console paper two", "abstract": "About %s.", "authors": ["Ada Lovelace"], "categories": ["cs.LG"]}
                        """.formatted(base, topic, base, topic))
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200)
                .body("created", equalTo(2));
        importHfPaper(base + "3", "Console paper three");

        String after = page();
        assumeTrue(today.equals(LocalDate.now(ZoneOffset.UTC)), "the UTC day changed during the test");
        String day = today.toString();
        Map<String, Long> expected = Map.of("ACTIVE", 2L, "PENDING", 1L, "UNSUBSCRIBED", 1L, "BOUNCED", 1L);
        expected.forEach((status, more) -> {
            assertEquals(
                    figure(before, "subscribers", day, status) + more,
                    figure(after, "subscribers", day, status),
                    status + " today");
            assertEquals(
                    figure(before, "subscribers", yesterday, status),
                    figure(after, "subscribers", yesterday, status),
                    status + " yesterday: all of it happened today");
            assertEquals(tile(before, "subscribers", status) + more, tile(after, "subscribers", status), status);
            assertEquals(tile(after, "subscribers", status), figure(after, "subscribers", day, status));
        });
        assertEquals(figure(before, "papers", day, "import") + 2, figure(after, "papers", day, "import"));
        assertEquals(figure(before, "papers", day, "hf") + 1, figure(after, "papers", day, "hf"));
        assertEquals(3, count(after, "<svg [^>]*role=\"img\""), "three charts");
        assertThat(after, containsString("aria-label=\"New papers per day by source, last 30 days\""));
        assertThat(after, containsString("<title>" + day + " · import: "));
    }

    @Test
    void countsDigestsSentAndFailedShowsWhyAndItsButtonRetriesTheFailedOnes() {
        String period = "2026-10-05";
        // everyone else's digest for the period goes out first, so that only this test's count below
        runDigests(period);
        importHfPaper(PaperIds.base("2610") + "1", "Okapis in the outbox");
        String before = page();
        String received = Subscribers.uniqueEmail("received");
        String refused = Subscribers.uniqueEmail("refused");
        Subscribers.importActive(received, topic);
        long refusedId = Subscribers.importActive(refused, topic);

        ScriptedRelay relay = SmtpServer.scripted(
                Map.of(refused, "550 5.1.1 <script>alert('console')</script> no such mailbox"), Map.of());
        JsonPath run;
        try {
            run = runDigests(period);
        } finally {
            SmtpServer.up();
        }
        assertEquals(1, relay.acceptedFor(received));
        assertEquals(1, run.getInt("sent"));
        assertEquals(1, run.getInt("failed"));

        String after = page();
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        assertEquals(figure(before, "digests", day, "sent") + 1, figure(after, "digests", day, "sent"));
        assertEquals(figure(before, "digests", day, "failed") + 1, figure(after, "digests", day, "failed"));
        long failed = tile(after, "outbox", "failed");
        assertEquals(tile(before, "outbox", "failed") + 1, failed);
        // the SMTP server's reply is shown, as text
        assertThat(after, containsString("&lt;script&gt;alert(&#39;console&#39;)&lt;/script&gt; no such mailbox"));
        assertThat(after, not(containsString("<script>alert")));
        assertThat(after, containsString("Retry all " + failed + " failed"));

        String back = press("/admin/deliveries/retry-failed");
        assertThat(back, endsWith("/admin?retried=" + failed));
        String notice = comeBack(back);
        assertThat(notice, containsString(failed + " failed digest"));
        assertEquals(0, tile(notice, "outbox", "failed"));
        assertEquals(tile(after, "outbox", "queued") + failed, tile(notice, "outbox", "queued"));
        assertThat(notice, not(containsString("Retry all")));
        Map<String, Object> requeued = Admin.deliveriesOf(refusedId).get(0);
        assertEquals("QUEUED", requeued.get("status"));
        assertEquals(0, requeued.get("attempts"));
    }

    @Test
    void theApiRetriesOneFailedDeliveryOrEveryOne() {
        String period = "2026-10-06";
        runDigests(period);
        importHfPaper(PaperIds.base("2610") + "1", "Okapis refused");
        String one = Subscribers.uniqueEmail("refused-one");
        String other = Subscribers.uniqueEmail("refused-other");
        long oneId = Subscribers.importActive(one, topic);
        long otherId = Subscribers.importActive(other, topic);
        SmtpServer.scripted(Map.of(one, "550 5.1.1 no such mailbox", other, "550 5.1.1 no such mailbox"), Map.of());
        try {
            runDigests(period);
        } finally {
            SmtpServer.up();
        }
        Map<String, Object> failed = Admin.deliveriesOf(oneId).get(0);
        assertEquals("FAILED", failed.get("status"));
        assertEquals("FAILED", Admin.deliveriesOf(otherId).get(0).get("status"));

        Admin.admin()
                .post("/api/admin/deliveries/" + failed.get("id") + "/retry")
                .then()
                .statusCode(202)
                .body("status", equalTo("QUEUED"))
                .body("attempts", equalTo(0));
        Admin.admin().post("/api/admin/deliveries/999999999/retry").then().statusCode(404);
        int requeued = Admin.admin()
                .post("/api/admin/deliveries/retry-failed")
                .then()
                .statusCode(202)
                .extract()
                .path("requeued");
        assertThat(requeued, greaterThanOrEqualTo(1));
        assertEquals("QUEUED", Admin.deliveriesOf(otherId).get(0).get("status"));
        Admin.admin()
                .post("/api/admin/deliveries/retry-failed")
                .then()
                .statusCode(202)
                .body("requeued", equalTo(0));
        RestAssured.get("/q/openapi").then().body(containsString("/api/admin/deliveries/retry-failed"));
    }

    @Test
    void itsCancelButtonStopsADigestRunThatHasNotEnded() {
        // while this test holds the lock digest runs take, a run waits QUEUED for it
        assertTrue(lease.tryAcquire("digest-run", Duration.ofMinutes(2)), "no other digest run is going on");
        int id;
        try {
            id = Admin.admin()
                    .contentType("application/json")
                    .body("{\"dryRun\": true}")
                    .post("/api/admin/digest-runs")
                    .then()
                    .statusCode(202)
                    .extract()
                    .path("id");
            String form = "action=\"/admin/digest-runs/" + id + "/cancel\"";
            assertThat(page(), containsString(form));

            String back = press("/admin/digest-runs/" + id + "/cancel");
            assertThat(back, endsWith("/admin?cancelled=" + id));
            assertThat(comeBack(back), containsString("Digest run " + id + " stops at its next page"));

            JsonPath ended = Admin.awaitFinished("/api/admin/digest-runs/" + id, Duration.ofSeconds(20));
            assertEquals("CANCELLED", ended.getString("status"));
            assertEquals("cancelled before it started", ended.getString("error"));
            String page = page();
            assertThat(page, not(containsString(form)));
            assertThat(runRow(page, id), containsString("CANCELLED"));
        } finally {
            lease.release("digest-run");
        }
        String again = press("/admin/digest-runs/" + id + "/cancel");
        assertThat(again, endsWith("/admin?ended=" + id));
        assertThat(comeBack(again), containsString("Digest run " + id + " had already ended"));
    }

    @Test
    void itsCancelButtonStopsAnIngestionRunThatHasNotEnded() {
        // a run of a source this profile never runs, as a replica that is fetching would show it
        long id = 900_000_000L + ThreadLocalRandom.current().nextInt(1_000_000);
        sql(
                "INSERT INTO ingestion_run (id, source, status, scheduled, created_at, started_at) "
                        + "VALUES (?1, 'hf', 'RUNNING', FALSE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                id);
        try {
            String form = "action=\"/admin/ingestions/" + id + "/cancel\"";
            assertThat(ingestionRow(page(), id), containsString(form));

            String back = press("/admin/ingestions/" + id + "/cancel");
            assertThat(back, endsWith("/admin?ingestionCancelled=" + id));
            String notice = comeBack(back);
            assertThat(notice, containsString("Ingestion run " + id + " stops at its next upstream page or day"));
            String row = ingestionRow(notice, id);
            assertThat(row, not(containsString(form)));
            assertThat(row, containsString("stopping"));
            Admin.admin()
                    .get("/api/admin/ingestions/" + id)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("RUNNING"));

            // the replica running it stops at its next page
            sql("UPDATE ingestion_run SET status = 'CANCELLED', finished_at = CURRENT_TIMESTAMP WHERE id = ?1", id);
            String again = press("/admin/ingestions/" + id + "/cancel");
            assertThat(again, endsWith("/admin?ingestionEnded=" + id));
            assertThat(comeBack(again), containsString("Ingestion run " + id + " had already ended"));
        } finally {
            sql("DELETE FROM ingestion_run WHERE id = ?1", id);
        }
    }

    private void sql(String statement, long id) {
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery(statement).setParameter(1, id).executeUpdate());
    }

    private static RequestSpecification reader() {
        return given().auth()
                .preemptive()
                .basic("reader", "test-reader-password")
                .redirects()
                .follow(false);
    }

    /** Presses one of the console's buttons (a form post, as from the page itself); answers where it leads. */
    private static String press(String action) {
        return Admin.admin()
                .redirects()
                .follow(false)
                .post(action)
                .then()
                .statusCode(303)
                .extract()
                .header("Location");
    }

    private static String comeBack(String location) {
        return Admin.admin()
                .get(Links.pathAndQuery(location))
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static String page() {
        return Admin.admin()
                .get("/admin")
                .then()
                .statusCode(200)
                .contentType("text/html")
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .extract()
                .asString();
    }

    private static JsonPath runDigests(String period) {
        int id = Admin.admin()
                .contentType("application/json")
                .body("{\"date\": \"" + period + "\"}")
                .post("/api/admin/digest-runs")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        JsonPath run = Admin.awaitFinished("/api/admin/digest-runs/" + id, Duration.ofSeconds(30));
        assertEquals("SUCCEEDED", run.getString("status"));
        return run;
    }

    private void importHfPaper(String arxivId, String title) {
        Admin.admin()
                .contentType("application/json")
                .body("""
                        [{"paper": {"id": "%s", "title": "%s %s", "summary": "About %s.", "authors": [{"name": "Ola Okapi"}]}}]
                        """.formatted(arxivId, title, topic, topic))
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200)
                .body("created", equalTo(1));
    }

    /** A figure from the table beside a chart; 0 where the series has no column yet. */
    static long figure(String html, String chart, String day, String series) {
        String table = section(html, "<table class=\"data\" id=\"" + chart + "-figures\">", "</table>");
        String row = section(table, "<tr data-day=\"" + day + "\">", "</tr>");
        Matcher cell = Pattern.compile("data-series=\"" + Pattern.quote(series) + "\">(\\d+)</td>")
                .matcher(row);
        return cell.find() ? Long.parseLong(cell.group(1)) : 0;
    }

    /** A figure of the tiles at the top: {@code tile(html, "outbox", "failed")}. */
    static long tile(String html, String kind, String key) {
        Matcher m = Pattern.compile("data-" + kind + "=\"" + Pattern.quote(key) + "\"><strong>(\\d+)</strong>")
                .matcher(html);
        assertTrue(m.find(), "no tile " + kind + " " + key);
        return Long.parseLong(m.group(1));
    }

    private static String runRow(String html, int id) {
        return section(section(html, "id=\"digest-runs\"", "</section>"), "<tr data-run=\"" + id + "\">", "</tr>");
    }

    private static String ingestionRow(String html, long id) {
        return section(section(html, "id=\"ingestion-runs\"", "</section>"), "<tr data-run=\"" + id + "\">", "</tr>");
    }

    private static String section(String text, String start, String end) {
        int from = text.indexOf(start);
        assertTrue(from >= 0, "no " + start);
        int to = text.indexOf(end, from);
        return text.substring(from, to);
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
