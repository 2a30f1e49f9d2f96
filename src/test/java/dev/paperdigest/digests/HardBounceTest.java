package dev.paperdigest.digests;

import dev.paperdigest.subscriptions.Subscriber;
import dev.paperdigest.subscriptions.SubscriberStatus;
import dev.paperdigest.support.Admin;
import dev.paperdigest.support.Mailbox;
import dev.paperdigest.support.PaperIds;
import dev.paperdigest.support.ScriptedRelay;
import dev.paperdigest.support.SmtpServer;
import dev.paperdigest.support.Subscribers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * An SMTP server refusing a subscriber's address for good (a hard bounce) fails that digest at
 * once and counts against them; the second makes them BOUNCED and they get nothing more. A refusal
 * for now, or one about the message or about us rather than the address, is retried as before.
 * GreenMail accepts every recipient, so these runs send to a {@link ScriptedRelay} on its port.
 * Subscribers are imported preconfirmed: no confirmation email goes through the mailer's pooled
 * connections while the server is swapped.
 */
@QuarkusTest
class HardBounceTest {

    @Inject
    DeliverySender sender;

    /** A made-up word, so other test classes' subscribers and papers never interfere. */
    private final String topic = "wombat" + UUID.randomUUID().toString().substring(0, 6);

    @Test
    void aRefusedRecipientFailsAtOnceAndTheSecondHardBounceStopsTheirDigestsUntilReactivated() {
        double bouncedBefore = bouncedMetric();
        newPaperAfterOthersAreServed("2026-11-10", "First");
        String email = Subscribers.uniqueEmail("bouncing");
        long id = Subscribers.importActive(email, topic);

        ScriptedRelay relay =
                refusingRecipient(email, "550 5.1.1 <" + email + ">: Recipient address rejected: User unknown");
        runWhileScripted("2026-11-10");

        Map<String, Object> first = deliveryOf(id, "2026-11-10");
        assertThat(first.get("status"), equalTo("FAILED")); // at once: max-attempts is 5
        assertThat(first.get("attempts"), equalTo(1));
        assertThat((String) first.get("lastError"), containsString("550 5.1.1"));
        assertThat(relay.timesAskedFor(email), equalTo(1L));
        Subscriber once = subscriber(id);
        assertThat(once.status, equalTo(SubscriberStatus.ACTIVE));
        assertThat(once.hardBounces, equalTo(1));
        assertThat(once.lastBounce, containsString("User unknown"));

        newPaperAfterOthersAreServed("2026-11-11", "Second");
        relay = refusingRecipient(email, "550 no such user here");
        runWhileScripted("2026-11-11");

        assertThat(deliveryOf(id, "2026-11-11").get("status"), equalTo("FAILED"));
        assertThat(relay.timesAskedFor(email), equalTo(1L));
        Subscriber twice = subscriber(id);
        assertThat(twice.status, equalTo(SubscriberStatus.BOUNCED));
        assertThat(twice.hardBounces, equalTo(2));
        assertThat(twice.lastBounce, containsString("550 no such user here"));
        assertThat(bouncedMetric(), equalTo(bouncedBefore + 2));

        // bounced: the next run queues nothing for them, and nothing is sent
        newPaperAfterOthersAreServed("2026-11-12", "Third");
        assertThat(DigestDeliveryTest.runDigests("2026-11-12").status(), equalTo("SUCCEEDED"));
        assertThat(Admin.deliveriesOf(id), hasSize(2));
        Mailbox.assertNoMoreArrive(email, 0);

        // reactivated: the next run sends them what came meanwhile
        Admin.admin()
                .post("/api/admin/subscribers/" + id + "/reactivate")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("hardBounces", equalTo(0));
        assertThat(DigestDeliveryTest.runDigests("2026-11-15").status(), equalTo("SUCCEEDED"));
        assertThat(Mailbox.await(email, 1).get(0).text(), containsString("Third " + topic));
        assertThat(deliveryOf(id, "2026-11-15").get("status"), equalTo("SENT"));
    }

    @Test
    void aRefusalForNowIsRetriedAndCountsNothing() {
        newPaperAfterOthersAreServed("2026-11-13", "Busy");
        String email = Subscribers.uniqueEmail("busy");
        long id = Subscribers.importActive(email, topic);

        ScriptedRelay relay = refusingRecipient(email, "450 4.2.1 mailbox busy, try again later");
        runWhileScripted("2026-11-13");

        Map<String, Object> delivery = deliveryOf(id, "2026-11-13");
        assertThat(delivery.get("status"), equalTo("QUEUED"));
        assertThat(delivery.get("attempts"), equalTo(1));
        assertThat((String) delivery.get("lastError"), containsString("450 4.2.1"));
        assertThat(relay.timesAskedFor(email), equalTo(1L));
        assertThat(subscriber(id).hardBounces, equalTo(0));

        // the retry (normally a minute later) goes through
        makeDue(((Number) delivery.get("id")).longValue());
        sender.drain(() -> false, () -> false);
        assertThat(Mailbox.await(email, 1).get(0).text(), containsString("Busy " + topic));
        assertThat(deliveryOf(id, "2026-11-13").get("status"), equalTo("SENT"));
        assertThat(subscriber(id).status, equalTo(SubscriberStatus.ACTIVE));
    }

    @Test
    void onlyARefusalOfTheAddressCountsAfterTheMessageOrAgainstTheRelay() {
        newPaperAfterOthersAreServed("2026-11-14", "Picky");
        String spam = Subscribers.uniqueEmail("content");
        String relaying = Subscribers.uniqueEmail("relaying");
        String gone = Subscribers.uniqueEmail("gone-after-data");
        for (String email : List.of(spam, relaying, gone)) {
            Subscribers.importActive(email, topic);
        }

        ScriptedRelay relay = SmtpServer.scripted(
                Map.of(relaying, "550 5.7.1 Relaying denied"),
                Map.of(spam, "554 5.7.1 Message rejected as spam", gone, "550 5.1.1 mailbox unavailable"));
        runWhileScripted("2026-11-14");

        // about the message, or about us: retried as any refusal, and not held against the subscriber
        for (String email : List.of(spam, relaying)) {
            long id = Subscribers.id(email);
            assertThat(email, deliveryOf(id, "2026-11-14").get("status"), equalTo("QUEUED"));
            assertThat(email, subscriber(id).hardBounces, equalTo(0));
        }
        // a reply to the message that names the address is a hard bounce
        long goneId = Subscribers.id(gone);
        assertThat(deliveryOf(goneId, "2026-11-14").get("status"), equalTo("FAILED"));
        assertThat(subscriber(goneId).hardBounces, equalTo(1));
        assertThat(relay.acceptedFor(gone), equalTo(0L));
    }

    private static ScriptedRelay refusingRecipient(String email, String reply) {
        return SmtpServer.scripted(Map.of(email, reply), Map.of());
    }

    /** Runs the day's digests against the scripted relay, then brings the suite's SMTP server back. */
    private static void runWhileScripted(String day) {
        try {
            assertThat(DigestDeliveryTest.runDigests(day).status(), equalTo("SUCCEEDED"));
        } finally {
            SmtpServer.up();
        }
    }

    /**
     * Everyone else's digest for the day goes out first (through the real SMTP server), then a
     * paper new to the subscribers of this test's topic only.
     */
    private void newPaperAfterOthersAreServed(String day, String title) {
        DigestDeliveryTest.runDigests(day);
        DigestDeliveryTest.importPapers("""
                [{"paper": {"id": "%s1", "title": "%s %s", "summary": "About %s.", "authors": [{"name": "Quentin Bouncewell"}]}}]
                """.formatted(PaperIds.base("2611"), title, topic, topic));
    }

    private static Subscriber subscriber(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.findById(id));
    }

    private static Map<String, Object> deliveryOf(long subscriber, String period) {
        List<Map<String, Object>> of = Admin.deliveriesOf(subscriber).stream()
                .filter(d -> d.get("period").equals(period))
                .toList();
        assertThat(of, hasSize(1));
        return of.get(0);
    }

    /** Its retry comes due now instead of a minute later. */
    private static void makeDue(long deliveryId) {
        QuarkusTransaction.requiringNew()
                .run(() -> Delivery.<Delivery>findById(deliveryId).nextAttemptAt =
                        Instant.now().minusSeconds(1));
    }

    private static double bouncedMetric() {
        Matcher m = Pattern.compile("(?m)^paperdigest_digests_bounced_total(?:\\{[^}]*})? (\\S+)$")
                .matcher(RestAssured.get("/q/metrics").asString());
        // registered once the sender first needs its metrics
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
