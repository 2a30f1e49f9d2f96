package dev.paperdigest.digests;

import dev.paperdigest.support.Admin;
import dev.paperdigest.support.Mailbox;
import dev.paperdigest.support.PaperIds;
import dev.paperdigest.support.SmtpServer;
import dev.paperdigest.support.Subscribers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * While the SMTP server cannot be reached the service stays up and in the load balancer, the
 * wellness check at /q/health/well says which server it cannot reach, and a due digest waits in
 * the outbox, however long the outage; once the server is back the check turns UP and the digest
 * goes out.
 */
@QuarkusTest
class SmtpUnreachableTest {

    private static final String SMTP = "checks.find { it.name == 'smtp' }";

    @Inject
    DeliverySender sender;

    @Inject
    DeliveryConfig config;

    @ConfigProperty(name = "quarkus.mailer.port")
    int port;

    @Test
    void anUnreachableSmtpServerWarnsKeepsTheServiceReadyAndTheDigestWaits() {
        String topic = "numbat" + UUID.randomUUID().toString().substring(0, 6);
        DigestDeliveryTest.runDigests("2026-12-21"); // what other tests left for the day goes out first
        DigestDeliveryTest.importPapers("""
                [{"paper": {"id": "%s6", "title": "Patient %s", "summary": "About %s.", "authors": [{"name": "Ada Lovelace"}]}}]
                """.formatted(PaperIds.base("2612"), topic, topic));
        String email = Subscribers.uniqueEmail("waiting");
        Subscribers.signUpAndConfirm(email, topic, "", "");
        long subscriber = Subscribers.id(email);
        RestAssured.get("/q/health/well").then().body(SMTP + ".status", equalTo("UP"));

        SmtpServer.down();
        try {
            RestAssured.get("/q/health/well")
                    .then()
                    .statusCode(503)
                    .body(SMTP + ".status", equalTo("DOWN"))
                    .body(SMTP + ".data.server", equalTo("127.0.0.1:" + port))
                    .body(
                            SMTP + ".data.error",
                            equalTo("cannot connect to the SMTP server 127.0.0.1:" + port + ": Connection refused"));
            // a warning for operators: the instance stays alive and in the load balancer
            RestAssured.get("/q/health/live").then().statusCode(200);
            RestAssured.get("/q/health/ready").then().statusCode(200);

            assertThat(DigestDeliveryTest.runDigests("2026-12-21").status(), equalTo("SUCCEEDED"));
            Map<String, Object> waiting = deliveryOf(subscriber);
            assertThat(waiting.get("status"), equalTo("QUEUED"));
            assertThat(waiting.get("attempts"), equalTo(1));
            assertThat((String) waiting.get("lastError"), containsString("127.0.0.1:" + port));

            // however long the outage, the digest is not given up on: its last attempt stays for later
            long id = ((Number) waiting.get("id")).longValue();
            QuarkusTransaction.requiringNew().run(() -> {
                Delivery late = Delivery.findById(id);
                late.attempts = config.maxAttempts() - 1;
                late.nextAttemptAt = Instant.now().minusSeconds(1);
            });
            sender.drain(() -> false, () -> false);
            Map<String, Object> still = deliveryOf(subscriber);
            assertThat(still.get("status"), equalTo("QUEUED"));
            assertThat(still.get("attempts"), equalTo(config.maxAttempts() - 1));
            Instant next = Instant.parse((String) still.get("nextAttemptAt"));
            assertThat(next, lessThanOrEqualTo(Instant.now().plus(DeliveryAttempt.LONGEST_WAIT_FOR_SERVER)));
        } finally {
            SmtpServer.up();
        }

        RestAssured.get("/q/health/well")
                .then()
                .body(SMTP + ".status", equalTo("UP"))
                .body(SMTP + ".data.error", nullValue());
        // its retry comes due (a minute later, at the next poll of the outbox)
        long delivery = ((Number) deliveryOf(subscriber).get("id")).longValue();
        QuarkusTransaction.requiringNew()
                .run(() -> Delivery.<Delivery>findById(delivery).nextAttemptAt =
                        Instant.now().minusSeconds(1));
        sender.drain(() -> false, () -> false);
        // the server came back with an empty mailbox: the digest is all it has
        assertThat(Mailbox.await(email, 1).get(0).subject(), containsString("1 new paper for you"));
        assertThat(deliveryOf(subscriber).get("status"), equalTo("SENT"));
    }

    private static Map<String, Object> deliveryOf(long subscriber) {
        List<Map<String, Object>> mine = Admin.deliveriesOf(subscriber);
        assertThat(mine, hasSize(1));
        return mine.get(0);
    }
}
