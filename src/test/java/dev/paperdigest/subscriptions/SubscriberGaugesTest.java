package dev.paperdigest.subscriptions;

import dev.paperdigest.support.Links;
import dev.paperdigest.support.Mailbox;
import dev.paperdigest.support.Metrics;
import dev.paperdigest.support.Subscribers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class SubscriberGaugesTest {

    private static final String GAUGE = "paperdigest_subscribers";

    @Test
    void subscribersAreCountedByStatusAsTheyConfirmAndLeave() {
        Metrics before = Metrics.scrape();
        for (SubscriberStatus status : SubscriberStatus.values()) {
            assertTrue(before.has(GAUGE, "status", status.name()), status + " is exported, even at 0");
        }
        String email = Subscribers.uniqueEmail("gauged");

        Subscribers.signUp(email, "axolotl", "", "");
        Metrics signedUp = Metrics.scrape();
        assertEquals(1, change(before, signedUp, SubscriberStatus.PENDING));

        Mailbox.Received confirmation = Mailbox.await(email, 1).get(0);
        Subscribers.confirm(confirmation);
        Metrics confirmed = Metrics.scrape();
        assertEquals(-1, change(signedUp, confirmed, SubscriberStatus.PENDING));
        assertEquals(1, change(signedUp, confirmed, SubscriberStatus.ACTIVE));

        String header = confirmation.header("List-Unsubscribe");
        RestAssured.given()
                .formParam("List-Unsubscribe", "One-Click")
                .post(Links.pathAndQuery(header.substring(1, header.length() - 1)))
                .then()
                .statusCode(200);
        Metrics left = Metrics.scrape();
        assertEquals(-1, change(confirmed, left, SubscriberStatus.ACTIVE));
        assertEquals(1, change(confirmed, left, SubscriberStatus.UNSUBSCRIBED));
    }

    private static double change(Metrics before, Metrics after, SubscriberStatus status) {
        return after.sum(GAUGE, "status", status.name()) - before.sum(GAUGE, "status", status.name());
    }
}
