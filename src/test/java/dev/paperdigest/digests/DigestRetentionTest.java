package dev.paperdigest.digests;

import dev.paperdigest.common.RunStatus;
import dev.paperdigest.support.Admin;
import dev.paperdigest.support.Subscribers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/** The daily clean-up keeps the outbox and the run list from growing forever, and never drops a digest still to send. */
@QuarkusTest
class DigestRetentionTest {

    /** The test profile keeps ten years (its runs use fixed days); these rows are older than that. */
    private static final Instant LONG_AGO = Instant.now().minus(Duration.ofDays(3660 + 30));

    @Inject
    DigestRetention retention;

    @Test
    void deletesEndedDigestsAndRunsPastTheRetentionAndKeepsTheRest() {
        String email = Subscribers.uniqueEmail("retained");
        Subscribers.signUpAndConfirm(email, "retention", "", "");
        long subscriber = Subscribers.id(email);
        long oldSent = delivery(subscriber, "2016-01-01", DeliveryStatus.SENT, LONG_AGO);
        long oldFailed = delivery(subscriber, "2016-01-02", DeliveryStatus.FAILED, LONG_AGO);
        long oldQueued = delivery(subscriber, "2016-01-03", DeliveryStatus.QUEUED, LONG_AGO);
        long recentSent = delivery(
                subscriber, "2026-11-01", DeliveryStatus.SENT, Instant.now().minus(Duration.ofDays(2)));
        long oldRun = run(LONG_AGO);
        long recentRun = run(Instant.now().minus(Duration.ofDays(2)));

        DigestRetention.Pruned pruned = retention.prune();

        assertThat(pruned.deliveries(), greaterThanOrEqualTo(2L));
        assertThat(pruned.runs(), greaterThanOrEqualTo(1L));
        List<Integer> left = Admin.admin()
                .get("/api/admin/subscribers/" + subscriber + "/export")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("deliveries.id", Integer.class);
        // a queued digest is still to be sent, however old
        assertThat(left, containsInAnyOrder((int) oldQueued, (int) recentSent));
        assertThat(
                QuarkusTransaction.requiringNew()
                        .call(() -> DeliverySelection.count("deliveryId in ?1", List.of(oldSent, oldFailed))),
                Matchers.equalTo(0L));
        Admin.admin().get("/api/admin/digest-runs/" + oldRun).then().statusCode(404);
        Admin.admin().get("/api/admin/digest-runs/" + recentRun).then().statusCode(200);
    }

    @Test
    void refusesARunForADayWhoseDigestsMayHaveBeenDeleted() {
        String tooOld = LocalDate.now().minusDays(3660 + 5).toString();
        Admin.admin()
                .contentType("application/json")
                .body("{\"date\": \"" + tooOld + "\"}")
                .post("/api/admin/digest-runs")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("digest.retention.keep"));
    }

    private static long delivery(long subscriberId, String period, DeliveryStatus status, Instant createdAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Delivery d = new Delivery();
            d.subscriberId = subscriberId;
            d.period = period;
            d.status = status;
            d.paperCount = 1;
            d.matchedCount = 1;
            d.messageId = "<retention." + period + "." + subscriberId + "@localhost>";
            d.createdAt = createdAt;
            d.nextAttemptAt = createdAt;
            d.persist();
            DeliverySelection.of(d.id, new Selection(List.of(), 1)).persist();
            return d.id;
        });
    }

    private static long run(Instant finishedAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            DigestRun run = new DigestRun();
            run.status = RunStatus.SUCCEEDED;
            run.createdAt = finishedAt;
            run.startedAt = finishedAt;
            run.finishedAt = finishedAt;
            run.persist();
            return run.id;
        });
    }
}
