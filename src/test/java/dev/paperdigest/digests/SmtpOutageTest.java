package dev.paperdigest.digests;

import dev.paperdigest.common.ProcessHeartbeat;
import dev.paperdigest.support.Admin;
import dev.paperdigest.support.Mailbox;
import dev.paperdigest.support.PaperIds;
import dev.paperdigest.support.SmtpServer;
import dev.paperdigest.support.Subscribers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.paperdigest.digests.DeliverySender.PAUSE_AFTER_UNREACHABLE;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * A digest that cannot be sent, because the SMTP server is down or stops answering, waits in the
 * outbox and goes out once when the server is back.
 */
@QuarkusTest
class SmtpOutageTest {

    @Inject
    DeliverySender sender;

    @Inject
    DeliveryConfig config;

    @Test
    void aDigestSurvivesAnSmtpOutageAndIsSentOnce() {
        String email = subscriberWithOneNewPaper("outage", "2026-12-02");

        SmtpServer.down();
        try {
            DigestDeliveryTest.runDigests("2026-12-02");
        } finally {
            SmtpServer.up();
        }

        assertQueuedForRetryThenSentOnce(email, "2026-12-02");
    }

    @Test
    void aRelayThatStopsAnsweringDoesNotStallTheDigestRun() {
        String email = subscriberWithOneNewPaper("stalled", "2026-12-03");

        SmtpServer.silent();
        DigestDeliveryTest.RunResult run;
        try {
            // each of the two tries waits quarkus.mailer.timeout (5 s in tests) for the greeting
            run = DigestDeliveryTest.runDigests("2026-12-03");
        } finally {
            SmtpServer.up();
        }

        assertThat(run.status(), equalTo("SUCCEEDED"));
        assertThat((String) deliveryOf(Subscribers.id(email)).get("lastError"), containsString("did not answer"));
        assertQueuedForRetryThenSentOnce(email, "2026-12-03");
    }

    @Test
    void aRunStopsSendingAfterFiveDigestsInARowGetNoAnswer() {
        // the digests in flight when the fifth fails still finish: at most one per connection more
        int mostTried = PAUSE_AFTER_UNREACHABLE + config.connections() - 1;
        List<String> emails = subscribersWithOneNewPaper("paused", "2026-12-04", mostTried + 3);

        SmtpServer.down();
        try {
            assertThat(DigestDeliveryTest.runDigests("2026-12-04").status(), equalTo("SUCCEEDED"));
        } finally {
            SmtpServer.up();
        }

        List<Map<String, Object>> deliveries =
                emails.stream().map(e -> deliveryOf(Subscribers.id(e))).toList();
        long tried =
                deliveries.stream().filter(d -> d.get("attempts").equals(1)).count();
        // the run tried until five in a row got no answer, and stopped soon after
        assertThat(tried, greaterThanOrEqualTo((long) PAUSE_AFTER_UNREACHABLE));
        assertThat(tried, lessThanOrEqualTo((long) mostTried));
        assertThat(
                deliveries.stream().filter(d -> d.get("attempts").equals(0)).count(), equalTo(emails.size() - tried));
        deliveries.forEach(d -> assertThat(d.get("status"), equalTo("QUEUED")));

        // the untried ones go out with the next run, the others once their retry is due
        deliveries.forEach(d -> makeDue(((Number) d.get("id")).longValue()));
        sender.drain(() -> false, () -> false);
        emails.forEach(email -> assertThat(Mailbox.await(email, 1), hasSize(1)));
    }

    @Test
    void digestsClaimedBySendersThatDiedAreSentByTheNextDrainAndALiveClaimIsLeftAlone() {
        List<String> emails = subscribersWithOneNewPaper("claimed", "2026-12-05", 3);
        SmtpServer.down();
        try {
            DigestDeliveryTest.runDigests("2026-12-05"); // queues them; their first attempt fails
        } finally {
            SmtpServer.up();
        }
        long heldTooLong = ((Number) deliveryOf(Subscribers.id(emails.get(0))).get("id")).longValue();
        long ofDeadProcess = ((Number) deliveryOf(Subscribers.id(emails.get(1))).get("id")).longValue();
        long live = ((Number) deliveryOf(Subscribers.id(emails.get(2))).get("id")).longValue();
        Instant now = Instant.now();
        claim(heldTooLong, null, now.minus(DeliverySender.ABANDONED_AFTER).minusSeconds(60));
        // a minute ago, by a process whose heartbeat has stopped since
        claim(ofDeadProcess, DeadProcessTest.process("dead", now.minusSeconds(1)), now.minusSeconds(60));
        claim(live, DeadProcessTest.process("live", now.plus(ProcessHeartbeat.DEAD_AFTER)), now.minusSeconds(60));

        sender.drain(() -> false, () -> false);

        for (String email : emails.subList(0, 2)) {
            assertThat(Mailbox.await(email, 1), hasSize(1));
            assertThat(deliveryOf(Subscribers.id(email)).get("status"), equalTo("SENT"));
        }
        Mailbox.assertNoMoreArrive(emails.get(2), 0);
        assertThat(deliveryOf(Subscribers.id(emails.get(2))).get("status"), equalTo("SENDING"));
    }

    /** Its retry comes due now instead of a minute later. */
    private static void makeDue(long deliveryId) {
        QuarkusTransaction.requiringNew()
                .run(() -> Delivery.<Delivery>findById(deliveryId).nextAttemptAt =
                        Instant.now().minusSeconds(1));
    }

    /** As a sender of {@code owner} does just before the SMTP conversation, at the given time; and due now. */
    private static void claim(long deliveryId, String owner, Instant claimedAt) {
        QuarkusTransaction.requiringNew().run(() -> {
            Delivery delivery = Delivery.findById(deliveryId);
            delivery.status = DeliveryStatus.SENDING;
            delivery.claimedBy = owner;
            delivery.claimedAt = claimedAt;
            delivery.nextAttemptAt = Instant.now().minusSeconds(1);
        });
    }

    private static String subscriberWithOneNewPaper(String name, String day) {
        return subscribersWithOneNewPaper(name, day, 1).get(0);
    }

    /** New subscribers with one fresh paper for them; everyone else's digest for the day is sent first. */
    private static List<String> subscribersWithOneNewPaper(String name, String day, int count) {
        DigestDeliveryTest.runDigests(day);
        String topic = "platypus" + UUID.randomUUID().toString().substring(0, 6);
        String base = PaperIds.base("2612");
        DigestDeliveryTest.importPapers("""
                [{"paper": {"id": "%s2", "title": "Resilient %s", "summary": "About %s.", "authors": [{"name": "Ada Lovelace"}]}}]
                """.formatted(base, topic, topic));
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String email = Subscribers.uniqueEmail(name);
            Subscribers.signUpAndConfirm(email, topic, "", "");
            emails.add(email);
        }
        return emails;
    }

    private void assertQueuedForRetryThenSentOnce(String email, String day) {
        long subscriber = Subscribers.id(email);
        Map<String, Object> delivery = deliveryOf(subscriber);
        assertThat(delivery.get("status"), equalTo("QUEUED"));
        assertThat(delivery.get("attempts"), equalTo(1));
        assertThat(delivery.get("lastError"), notNullValue());

        // the next attempt (normally a minute later, on the next tick) goes through
        makeDue(((Number) delivery.get("id")).longValue());
        sender.drain(() -> false, () -> false);
        List<Mailbox.Received> mails = Mailbox.await(email, 1);
        assertThat(mails.get(0).subject().startsWith("1 new paper for you"), equalTo(true));
        assertThat(deliveryOf(subscriber).get("status"), equalTo("SENT"));

        // a later run for the same period sends nothing more
        DigestDeliveryTest.runDigests(day);
        Mailbox.assertNoMoreArrive(email, 1);
    }

    private static Map<String, Object> deliveryOf(long subscriber) {
        List<Map<String, Object>> mine = Admin.deliveriesOf(subscriber);
        assertThat(mine, hasSize(1));
        return mine.get(0);
    }
}
