package dev.paperdigest.digests;

import dev.paperdigest.common.RunStatus;
import dev.paperdigest.support.Admin;
import dev.paperdigest.support.CharacterReferences;
import dev.paperdigest.support.Links;
import dev.paperdigest.support.Mailbox;
import dev.paperdigest.support.PaperIds;
import dev.paperdigest.support.Subscribers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** The whole path: papers in, a confirmed subscriber, a digest run, one email through real SMTP. */
@QuarkusTest
class DigestDeliveryTest {

    /** A made-up word, so other test classes' subscribers and papers never interfere. */
    private final String topic = "quokka" + UUID.randomUUID().toString().substring(0, 6);

    @Test
    void aDigestRunSendsOneEmailPerSubscriberAndPeriodOnly() throws Exception {
        String base = PaperIds.base("2611");
        importPapers("""
                [
                  {"paper": {"id": "%1$s1", "title": "Speculative %2$s decoding at scale", "summary": "We study %2$s decoding for large language models and make it 3x faster.",
                             "authors": [{"name": "Ada Lovelace"}, {"name": "Alan Turing"}], "publishedAt": "2026-11-27T00:00:00.000Z", "upvotes": 42}},
                  {"paper": {"id": "%1$s2", "title": "<b>Bold</b> & \\"quoted\\" %2$s tricks", "summary": "A <script>alert(1)</script> abstract about %2$s.",
                             "authors": [{"name": "Grace Hopper"}], "publishedAt": "2026-11-26T00:00:00.000Z"}},
                  {"paper": {"id": "%1$s3", "title": "Unrelated work on protein folding", "summary": "Nothing to see here.",
                             "authors": [{"name": "Someone Else"}], "publishedAt": "2026-11-27T00:00:00.000Z"}}
                ]
                """.formatted(base, topic));

        String email = Subscribers.uniqueEmail("reader");
        Subscribers.signUpAndConfirm(email, topic, "", "");

        RunResult first = runDigests("2026-11-28");
        assertThat(first.status, equalTo("SUCCEEDED"));
        List<Mailbox.Received> mails = Mailbox.await(email, 2);
        Mailbox.Received digest = mails.get(1);

        assertThat(digest.subject(), equalTo("2 new papers for you · Paper Digest, Saturday, November 28, 2026"));
        assertThat(digest.contentType(), startsWith("multipart/alternative"));
        assertThat(digest.header("Message-ID"), matchesPattern("<digest\\.2026-11-28\\.[A-Za-z0-9_-]+@localhost>"));
        assertThat(
                digest.header("List-Unsubscribe"), matchesPattern("<http://localhost:8080/unsubscribe\\?token=[^>]+>"));
        assertThat(digest.header("List-Unsubscribe-Post"), equalTo("List-Unsubscribe=One-Click"));

        // both parts carry the same papers, links and reasons
        for (String part : List.of(digest.text(), digest.html())) {
            assertThat(
                    part,
                    allOf(
                            containsString("Speculative " + topic + " decoding at scale"),
                            containsString("https://arxiv.org/abs/" + base + "1"),
                            containsString("https://arxiv.org/pdf/" + base + "1"),
                            containsString("https://huggingface.co/papers/" + base + "1"),
                            containsString("Ada Lovelace, Alan Turing"),
                            containsString("Nov 27, 2026"),
                            containsString("42 upvotes"),
                            containsString("keyword “" + topic + "”"),
                            containsString("http://localhost:8080/manage?token="),
                            containsString("http://localhost:8080/unsubscribe?token="),
                            containsString("http://localhost:8080/feed?token="),
                            not(containsString("protein folding"))));
        }
        // the HTML part is ASCII, its other characters written as references: it needs no encoding
        assertThat(digest.rawHtml().chars().allMatch(c -> c < 128), equalTo(true));
        assertThat(digest.rawHtml(), containsString("keyword &#8220;" + topic + "&#8221;"));
        // the most upvoted, most recent paper comes first
        assertThat(digest.text().indexOf("Speculative"), lessThan(digest.text().indexOf("tricks")));
        // untrusted text is escaped in HTML, and matched terms are highlighted
        assertThat(
                digest.html(),
                allOf(
                        containsString("&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;quoted&quot;"),
                        containsString("&lt;script&gt;alert(1)&lt;/script&gt;"),
                        not(containsString("<script>")),
                        containsString(">" + topic + "</mark>")));
        assertThat(digest.text(), containsString("*" + topic + "*"));

        assertThat(RestAssured.get("/q/metrics").asString(), containsString("paperdigest_digests_sent_total"));

        // the same period again: nothing more
        assertThat(runDigests("2026-11-28").status, equalTo("SUCCEEDED"));
        Mailbox.assertNoMoreArrive(email, 2);

        // the next day with nothing new: nothing either
        runDigests("2026-11-29");
        Mailbox.assertNoMoreArrive(email, 2);

        // a new paper, and a new version of one already sent: only the new paper goes out
        importPapers("""
                [
                  {"paper": {"id": "%1$s4", "title": "A fresh look at %2$s", "summary": "More %2$s.", "authors": [{"name": "Ada Lovelace"}]}},
                  {"paper": {"id": "%1$s1", "title": "Speculative %2$s decoding at scale", "summary": "We study %2$s decoding for large language models and make it 3x faster.",
                             "authors": [{"name": "Ada Lovelace"}, {"name": "Alan Turing"}], "publishedAt": "2026-11-27T00:00:00.000Z", "upvotes": 99}}
                ]
                """.formatted(base, topic));
        runDigests("2026-11-30");
        Mailbox.Received next = Mailbox.await(email, 3).get(2);
        assertThat(next.subject(), startsWith("1 new paper for you"));
        assertThat(next.text(), allOf(containsString("A fresh look at " + topic), not(containsString("Speculative"))));
    }

    @Test
    void unsubscribedPeopleGetNoDigest() {
        String base = PaperIds.base("2611");
        String email = Subscribers.uniqueEmail("gone");
        Mailbox.Received confirmation = Subscribers.signUpAndConfirm(email, topic, "", "");
        String header = confirmation.header("List-Unsubscribe");
        RestAssured.given()
                .formParam("List-Unsubscribe", "One-Click")
                .post(Links.pathAndQuery(header.substring(1, header.length() - 1)))
                .then()
                .statusCode(200);

        importPapers("""
                [{"paper": {"id": "%1$s5", "title": "Yet more %2$s", "summary": "About %2$s.", "authors": [{"name": "Ada Lovelace"}]}}]
                """.formatted(base, topic));
        runDigests("2026-11-28");
        Mailbox.assertNoMoreArrive(email, 1);
    }

    @Test
    void aDryRunQueuesAndSendsNothing() {
        String email = Subscribers.uniqueEmail("dry");
        String base = PaperIds.base("2611");
        importPapers("""
                [{"paper": {"id": "%1$s6", "title": "Dry %2$s", "summary": "About %2$s.", "authors": [{"name": "Ada Lovelace"}]}}]
                """.formatted(base, topic));
        Subscribers.signUpAndConfirm(email, topic, "", "");
        RunResult dry = runDigests("2026-12-24", true);
        assertThat(dry.status, equalTo("SUCCEEDED"));
        assertThat(dry.queued, greaterThanOrEqualTo(1));
        assertThat(dry.sent, equalTo(0));
        Mailbox.assertNoMoreArrive(email, 1);
        // what would be sent is still waiting, and the preview shows it
        long id = Subscribers.id(email);
        Admin.admin()
                .get("/api/admin/subscribers/" + id + "/digest-preview")
                .then()
                .statusCode(200)
                .body(containsString("Dry " + topic), containsString("1 new paper"));
        Admin.admin()
                .get("/api/admin/subscribers/" + id + "/export")
                .then()
                .statusCode(200)
                .body("subscriber.email", equalTo(email))
                .body("deliveries", hasSize(0));
        RestAssured.get("/api/admin/subscribers/" + id + "/digest-preview")
                .then()
                .statusCode(401);
    }

    @Test
    void theAdminListsDigestRunsNewestFirstAndByStatus() {
        int older = startRun("2026-12-26", true);
        awaitRun(older);
        int newer = startRun("2026-12-27", true);
        awaitRun(newer);
        Admin.admin()
                .get("/api/admin/digest-runs?size=2")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(newer, older)))
                .body("items[0].date", equalTo("2026-12-27"))
                .body("items[0].finishedAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z"))
                .body("size", equalTo(2));
        Admin.admin()
                .get("/api/admin/digest-runs?size=1&page=1")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(older)))
                .body("page", equalTo(1))
                .body("total", greaterThanOrEqualTo(2));
        Admin.admin()
                .get("/api/admin/digest-runs?status=SUCCEEDED&size=200")
                .then()
                .statusCode(200)
                .body("items.id", hasItems(newer, older))
                .body("items.status", everyItem(equalTo("SUCCEEDED")));
        Admin.admin()
                .get("/api/admin/digest-runs?status=running&size=200")
                .then()
                .statusCode(200)
                .body("items.id", not(hasItem(newer)));
        Admin.admin()
                .get("/api/admin/digest-runs?status=done")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("status must be one of queued, running, succeeded, failed, cancelled"));
        RestAssured.get("/api/admin/digest-runs").then().statusCode(401);
    }

    @Test
    void aPluralMatchIsHighlightedAsThePaperWroteIt() {
        String base = PaperIds.base("2611");
        importPapers("""
                [{"paper": {"id": "%1$s7", "title": "Low-bit %2$s", "summary": "We show that %2$s weights can be quantized to four bits by learned Quantizers.",
                  "authors": [{"name": "Łukasz Kaiser"}]}}]
                """.formatted(base, topic));
        String email = Subscribers.uniqueEmail("stemmer");
        Subscribers.signUpAndConfirm(email, topic + " quantizer", "Lukasz Kaiser", "");
        String preview = CharacterReferences.decoded(Admin.admin()
                .get("/api/admin/subscribers/" + Subscribers.id(email) + "/digest-preview")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(
                preview,
                allOf(
                        containsString("Low-bit " + topic),
                        containsString(">Quantizers</mark>"),
                        // another form of the word is another word: found by quantiz*, not by quantizer
                        not(containsString(">quantized</mark>")),
                        containsString("keyword “" + topic + " quantizer”"),
                        containsString("author Lukasz Kaiser")));
    }

    @Test
    void aRunLeftRunningByAStoppedProcessIsMarkedFailedByTheNextRun() {
        long abandoned = QuarkusTransaction.requiringNew().call(() -> {
            DigestRun run = new DigestRun();
            run.status = RunStatus.RUNNING;
            run.createdAt = Instant.now().minus(Duration.ofHours(2));
            run.startedAt = run.createdAt;
            run.persist();
            return run.id;
        });

        assertThat(runDigests("2026-11-29").status(), equalTo("SUCCEEDED"));

        Admin.admin()
                .get("/api/admin/digest-runs/" + abandoned)
                .then()
                .statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("error", containsString("stopped before it finished"));
    }

    @Test
    void twoRunsStartedAtOnceTakeTurnsAndSendOneDigest() {
        String base = PaperIds.base("2611");
        importPapers("""
                [{"paper": {"id": "%s4", "title": "Turn-taking %s", "summary": "On %s.", "authors": [{"name": "Ada Lovelace"}]}}]
                """.formatted(base, topic, topic));
        String email = Subscribers.uniqueEmail("turns");
        Subscribers.signUpAndConfirm(email, topic, "", "");

        List<Integer> ids = List.of(startRun("2026-11-30"), startRun("2026-11-30"));

        for (int id : ids) {
            var run = awaitRun(id);
            assertThat(run.getString("status"), equalTo("SUCCEEDED"));
            assertThat(run.getString("error"), equalTo(null));
        }
        assertThat(awaitRun(ids.get(0)).getInt("sent") + awaitRun(ids.get(1)).getInt("sent"), greaterThanOrEqualTo(1));
        Mailbox.await(email, 2);
        Mailbox.assertNoMoreArrive(email, 2); // the confirmation, then one digest
    }

    @Test
    void aDeliveryThatCannotBeComposedFailsAloneAndTheOthersGoOut() {
        String base = PaperIds.base("2612");
        importPapers("""
                [{"paper": {"id": "%s8", "title": "Unblocked %s", "summary": "On %s.", "authors": [{"name": "Ada Lovelace"}]}}]
                """.formatted(base, topic, topic));
        String poisoned = Subscribers.uniqueEmail("poisoned");
        Subscribers.signUpAndConfirm(poisoned, "zebrafish" + topic, "", "");
        long bad = QuarkusTransaction.requiringNew().call(() -> {
            Delivery d = new Delivery();
            d.subscriberId = Subscribers.id(poisoned);
            d.period = "2026-13-45"; // no such day: composing it throws
            d.status = DeliveryStatus.QUEUED;
            d.messageId = "<poisoned." + topic + "@localhost>";
            d.createdAt = Instant.now().minus(Duration.ofHours(1));
            d.nextAttemptAt = d.createdAt;
            d.persist();
            return d.id;
        });
        String email = Subscribers.uniqueEmail("after-poison");
        Subscribers.signUpAndConfirm(email, topic, "", "");

        assertThat(runDigests("2026-12-06").status(), equalTo("SUCCEEDED"));

        assertThat(Mailbox.await(email, 2).get(1).text(), containsString("Unblocked " + topic));
        Admin.admin()
                .get("/api/admin/deliveries?status=failed&size=200")
                .then()
                .statusCode(200)
                .body("items.find { it.id == " + bad + " }.lastError", containsString("could not be composed"));
        assertThat(Mailbox.of(poisoned), hasSize(1)); // the confirmation only
    }

    @Test
    void rejectsABadRunRequest() {
        Admin.admin()
                .contentType("application/json")
                .body("{\"date\": \"yesterday\"}")
                .post("/api/admin/digest-runs")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        Admin.admin()
                .get("/api/admin/digest-runs/987654321")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    static void importPapers(String json) {
        Admin.admin()
                .contentType("application/json")
                .body(json)
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200)
                .body("rejected", hasSize(0));
    }

    record RunResult(String status, int queued, int sent) {}

    static RunResult runDigests(String date) {
        return runDigests(date, false);
    }

    static RunResult runDigests(String date, boolean dryRun) {
        var run = awaitRun(startRun(date, dryRun));
        return new RunResult(run.getString("status"), run.getInt("queued"), run.getInt("sent"));
    }

    static int startRun(String date) {
        return startRun(date, false);
    }

    static int startRun(String date, boolean dryRun) {
        return Admin.admin()
                .contentType("application/json")
                .body("{\"date\": \"" + date + "\", \"dryRun\": " + dryRun + "}")
                .post("/api/admin/digest-runs")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
    }

    /** The run once it has finished, as the admin API shows it. */
    static JsonPath awaitRun(int id) {
        return awaitRun(id, Duration.ofSeconds(30));
    }

    static JsonPath awaitRun(int id, Duration patience) {
        return Admin.awaitFinished("/api/admin/digest-runs/" + id, patience);
    }
}
