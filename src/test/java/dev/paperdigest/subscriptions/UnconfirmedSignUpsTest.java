package dev.paperdigest.subscriptions;

import dev.paperdigest.support.Admin;
import dev.paperdigest.support.Subscribers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/** An address typed into the form is not kept for good when its owner never confirms. */
@QuarkusTest
class UnconfirmedSignUpsTest {

    @Inject
    UnconfirmedSignUps unconfirmed;

    @Test
    void signUpsNeverConfirmedGoAfterTheRetentionAndNobodyElse() {
        String stale = Subscribers.uniqueEmail("never-confirmed");
        String fresh = Subscribers.uniqueEmail("just-signed-up");
        String active = Subscribers.uniqueEmail("confirmed-long-ago");
        Subscribers.signUp(stale, "diffusion", "", "");
        Subscribers.signUp(fresh, "diffusion", "", "");
        Subscribers.signUpAndConfirm(active, "diffusion", "", "");
        long staleId = Subscribers.id(stale);
        long freshId = Subscribers.id(fresh);
        long activeId = Subscribers.id(active);
        age(staleId);
        age(activeId);

        assertThat(unconfirmed.purge(), greaterThanOrEqualTo(1L));

        Admin.admin().get("/api/admin/subscribers/" + staleId).then().statusCode(404);
        Admin.admin().get("/api/admin/subscribers/" + freshId).then().statusCode(200);
        Admin.admin().get("/api/admin/subscribers/" + activeId).then().statusCode(200);
    }

    private static void age(long subscriberId) {
        Instant longAgo = Instant.now().minus(Duration.ofDays(30));
        QuarkusTransaction.requiringNew()
                .run(() -> Subscriber.update(
                        "createdAt = ?1, confirmationsDay = ?2 where id = ?3",
                        longAgo,
                        LocalDate.ofInstant(longAgo, ZoneOffset.UTC),
                        subscriberId));
    }
}
