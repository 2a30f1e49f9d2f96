package dev.paperdigest.digests;

import dev.paperdigest.common.RunLogContext;
import dev.paperdigest.support.LogCapture;
import dev.paperdigest.support.Mailbox;
import dev.paperdigest.support.Metrics;
import dev.paperdigest.support.PaperIds;
import dev.paperdigest.support.SmtpServer;
import dev.paperdigest.support.Subscribers;
import io.quarkus.logging.json.runtime.JsonFormatter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** What digest runs and the outbox show operators: metrics, wellness checks, the run in each log line. */
@QuarkusTest
class DigestSignalsTest {

    private static final String OUTBOX = "checks.find { it.name == 'outbox' }";

    @Inject
    DeliverySender sender;

    @Inject
    DeliveryConfig config;

    private final String topic = "wombat" + UUID.randomUUID().toString().substring(0, 6);

    @Test
    void aRunIsCountedTimedAndLoggedUnderItsId() {
        String day = "2026-12-14";
        String email = subscriberWithANewPaper("counted", day);
        Metrics before = Metrics.scrape();

        int id;
        JsonPath run;
        List<ExtLogRecord> lines;
        List<String> progress;
        try (LogCapture logs = LogCapture.start()) {
            id = DigestDeliveryTest.startRun(day);
            run = DigestDeliveryTest.awaitRun(id);
            lines = logs.containing("digest run " + id + " ");
            progress = logs.containing("digest run " + id + ": ").stream()
                    .map(ExtLogRecord::getFormattedMessage)
                    .toList();
        }

        assertThat(run.getString("status"), equalTo("SUCCEEDED"));
        assertThat(run.getInt("queued"), equalTo(1));
        Mailbox.await(email, 2);
        Metrics after = Metrics.scrape();
        assertThat(delta(before, after, "paperdigest_digests_queued_total"), equalTo(1.0));
        assertThat(run.getInt("matched"), greaterThanOrEqualTo(1));
        assertThat(delta(before, after, "paperdigest_digests_matches_total"), equalTo((double) run.getInt("matched")));
        assertThat(delta(before, after, "paperdigest_digests_sent_total"), equalTo(1.0));
        assertThat(delta(before, after, "paperdigest_smtp_send_seconds_count", "outcome", "accepted"), equalTo(1.0));
        assertThat(delta(before, after, "paperdigest_digests_runs_seconds_count", "status", "SUCCEEDED"), equalTo(1.0));

        // the tests log progress at every report: done of the total, and the pace
        assertThat(
                progress,
                hasItem(matchesPattern("digest run " + id
                        + ": \\d+ of about \\d+ subscribers looked at \\(\\d+/s\\), 1 digests queued, \\d+ sent")));
        // "queued …" and "SUCCEEDED …": every line of the run names it, JSON lines too
        assertThat(lines, hasSize(greaterThanOrEqualTo(2)));
        assertThat(lines.stream().map(r -> r.getMdc(RunLogContext.KEY)).toList(), everyItem(equalTo("digest-" + id)));
        assertThat(new JsonFormatter().format(lines.get(0)), containsString("\"runId\":\"digest-" + id + "\""));
    }

    @Test
    void sendingThreadsLogUnderTheRunAndSmtpErrorsAndDigestsGivenUpAreCounted() {
        String day = "2026-12-15";
        String email = subscriberWithANewPaper("unreachable", day);
        Metrics before = Metrics.scrape();

        int id;
        List<ExtLogRecord> runLines;
        List<ExtLogRecord> sendLines;
        long delivery;
        SmtpServer.down();
        try (LogCapture logs = LogCapture.start()) {
            id = DigestDeliveryTest.startRun(day);
            DigestDeliveryTest.awaitRun(id);
            delivery = deliveryOf(email).id;
            runLines = logs.containing("digest run " + id + " queued");
            sendLines = logs.containing("delivery " + delivery + " failed");
        } finally {
            SmtpServer.up();
        }

        assertThat(runLines, hasSize(1));
        assertThat(sendLines, hasSize(1));
        assertThat(sendLines.get(0).getMdc(RunLogContext.KEY), equalTo("digest-" + id));
        assertThat(
                "logged by a sending thread, not the run's own",
                sendLines.get(0).getThreadName(),
                not(equalTo(runLines.get(0).getThreadName())));
        Metrics failedOnce = Metrics.scrape();
        assertThat(
                delta(before, failedOnce, "paperdigest_smtp_errors_total", "kind", "unreachable"),
                greaterThanOrEqualTo(1.0));
        assertThat(failedOnce.has("paperdigest_smtp_errors_total", "kind", "refused_5xx"), equalTo(true));

        // its last attempt is refused for now too, and the digest is given up: in a drain by a thread
        // without the Vert.x context that carries a run's log context along, so the sending threads
        // are told (a server that cannot be reached at all makes no digest FAILED: SmtpUnreachableTest)
        QuarkusTransaction.requiringNew().run(() -> {
            Delivery last = Delivery.findById(delivery);
            last.attempts = config.maxAttempts() - 1;
            last.nextAttemptAt = Instant.now().minusSeconds(1);
        });
        SmtpServer.scripted(Map.of(email, "451 4.3.0 mailbox busy, try again later"), Map.of());
        try (LogCapture logs = LogCapture.start()) {
            RunLogContext.run("digest-" + id, () -> sender.drain(() -> false, () -> false));
            sendLines = logs.containing("delivery " + delivery + " failed");
        } finally {
            SmtpServer.up();
        }
        assertThat(deliveryOf(email).status, equalTo(DeliveryStatus.FAILED));
        assertThat(sendLines, hasSize(1));
        assertThat(sendLines.get(0).getMdc(RunLogContext.KEY), equalTo("digest-" + id));
        assertThat(RunLogContext.current(), nullValue());
        Metrics after = Metrics.scrape();
        assertThat(delta(failedOnce, after, "paperdigest_digests_failed_total"), greaterThanOrEqualTo(1.0));
        assertThat(
                delta(failedOnce, after, "paperdigest_smtp_errors_total", "kind", "refused_4xx"),
                greaterThanOrEqualTo(1.0));
        assertThat(delta(before, after, "paperdigest_smtp_send_seconds_count", "outcome", "accepted"), equalTo(0.0));
    }

    @Test
    void aDigestDueForOverAnHourShowsInTheOutboxGaugesAndTurnsItsCheckDown() {
        String email = Subscribers.uniqueEmail("late");
        Subscribers.signUpAndConfirm(email, topic, "", "");
        long subscriber = Subscribers.id(email);
        sender.drain(() -> false, () -> false); // what other tests left due goes out first
        Metrics before = Metrics.scrape();
        long late = QuarkusTransaction.requiringNew().call(() -> {
            Delivery d = new Delivery();
            d.subscriberId = subscriber;
            d.period = "2026-12-16";
            d.status = DeliveryStatus.QUEUED;
            d.messageId = "<late." + topic + "@localhost>";
            d.createdAt = Instant.now().minus(Duration.ofHours(2));
            d.nextAttemptAt = d.createdAt;
            d.persist();
            return d.id;
        });
        try {
            Metrics during = Metrics.scrape();
            assertThat(delta(before, during, "paperdigest_outbox_queued"), equalTo(1.0));
            assertThat(during.sum("paperdigest_outbox_oldest_age_seconds"), greaterThanOrEqualTo(7200.0));
            RestAssured.get("/q/health/well")
                    .then()
                    .statusCode(503)
                    .body(OUTBOX + ".status", equalTo("DOWN"))
                    .body(OUTBOX + ".data.queued", greaterThanOrEqualTo(1))
                    .body(OUTBOX + ".data.oldestQueuedAgeSeconds", greaterThanOrEqualTo(7200))
                    .body(OUTBOX + ".data.maxAgeSeconds", equalTo(3600));
            // a warning for operators, not a reason to take the instance out of service
            RestAssured.get("/q/health/ready").then().statusCode(200);
        } finally {
            QuarkusTransaction.requiringNew()
                    .run(() -> Delivery.<Delivery>findById(late).status = DeliveryStatus.CANCELLED);
        }
        assertThat(delta(before, Metrics.scrape(), "paperdigest_outbox_queued"), equalTo(0.0));
        RestAssured.get("/q/health/well")
                .then()
                .statusCode(200)
                .body(OUTBOX + ".status", equalTo("UP"))
                .body("checks.name", hasItem("ingestion"));
    }

    @Test
    void readinessIncludesTheDatabaseAndLeavesTheWellnessChecksOut() {
        RestAssured.get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"))
                .body("checks.name", not(hasItem("outbox")))
                .body("checks.name", not(hasItem("ingestion")));
        assertThat(RestAssured.get("/q/health/well").path("checks.name"), not(empty()));
    }

    /** A new subscriber with a new paper for them; everyone else's digest for the day is sent first. */
    private String subscriberWithANewPaper(String name, String day) {
        DigestDeliveryTest.runDigests(day);
        String base = PaperIds.base("2612");
        DigestDeliveryTest.importPapers("""
                [{"paper": {"id": "%s3", "title": "Observable %s", "summary": "About %s.", "authors": [{"name": "Ada Lovelace"}]}}]
                """.formatted(base, topic, topic));
        String email = Subscribers.uniqueEmail(name);
        Subscribers.signUpAndConfirm(email, topic, "", "");
        return email;
    }

    private static Delivery deliveryOf(String email) {
        long subscriber = Subscribers.id(email);
        Delivery delivery = QuarkusTransaction.requiringNew()
                .call(() -> Delivery.<Delivery>find("subscriberId", subscriber).firstResult());
        assertThat(delivery, notNullValue());
        return delivery;
    }

    private static double delta(Metrics before, Metrics after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }
}
