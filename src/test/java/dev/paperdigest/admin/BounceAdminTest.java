package dev.paperdigest.admin;

import dev.paperdigest.support.Subscribers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static dev.paperdigest.support.Admin.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Bounces reported by mail providers ({@code POST /api/admin/bounces}) count as SMTP refusals do,
 * and an operator brings a bounced subscriber back ({@code POST …/subscribers/{id}/reactivate}).
 */
@QuarkusTest
class BounceAdminTest {

    @Test
    void reportedHardBouncesBounceASubscriberAndReactivationBringsThemBack() {
        String email = Subscribers.uniqueEmail("reported");
        long id = Subscribers.importActive(email, "platypus");

        // the address as a provider may spell it
        report(email.toUpperCase(Locale.ROOT), "550 5.1.1 mailbox does not exist", null)
                .statusCode(200)
                .contentType("application/json")
                .body("subscriberId", equalTo((int) id))
                .body("email", equalTo(email))
                .body("status", equalTo("ACTIVE"))
                .body("hardBounces", equalTo(1))
                .body("counted", equalTo(true));
        report(email, "mailbox full", false)
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("hardBounces", equalTo(1))
                .body("counted", equalTo(false));
        report(email, "user unknown", true)
                .statusCode(200)
                .body("status", equalTo("BOUNCED"))
                .body("hardBounces", equalTo(2))
                .body("counted", equalTo(true));

        admin().get("/api/admin/subscribers/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("BOUNCED"))
                .body("hardBounces", equalTo(2))
                .body("lastBounce", equalTo("user unknown"))
                .body("lastBounceAt", notNullValue());
        for (String status : new String[] {"BOUNCED", "bounced"}) {
            admin().get("/api/admin/subscribers?size=200&status=" + status)
                    .then()
                    .statusCode(200)
                    .body("items.id", hasItem((int) id))
                    .body("items.status", everyItem(equalTo("BOUNCED")));
        }

        admin().post("/api/admin/subscribers/" + id + "/reactivate")
                .then()
                .statusCode(200)
                .body("id", equalTo((int) id))
                .body("status", equalTo("ACTIVE"))
                .body("hardBounces", equalTo(0))
                .body("lastBounce", equalTo("user unknown"));
        admin().get("/api/admin/subscribers?size=200&status=bounced")
                .then()
                .statusCode(200)
                .body("items.id", not(hasItem((int) id)));
        admin().post("/api/admin/subscribers/" + id + "/reactivate")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("only a bounced subscriber can be reactivated; this one is active"));

        // counted afresh: one hard bounce is not enough again
        report(email, "user unknown", null).statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void signingUpAgainAndConfirmingStartsTheCountAfresh() {
        String email = Subscribers.uniqueEmail("back-by-themselves");
        long id = Subscribers.importActive(email, "platypus");
        report(email, "user unknown", null).statusCode(200);
        report(email, "user unknown", null).statusCode(200).body("status", equalTo("BOUNCED"));

        // they answered an email sent to the address
        Subscribers.signUpAndConfirm(email, "platypus", "", "");

        admin().get("/api/admin/subscribers/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("hardBounces", equalTo(0));
    }

    @Test
    void refusesBadReportsAndUnknownAddressesOrSubscribers() {
        String email = Subscribers.uniqueEmail("never-signed-up");
        report(email, "user unknown", null)
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("a subscriber with the address " + email + " does not exist"));
        badReport("", "the body");
        badReport("{}", "email must not be blank; reason must not be blank");
        badReport("{\"email\": \"not an address\", \"reason\": \"gone\"}", "email must be an email address");
        badReport("{\"email\": \"" + email + "\", \"reason\": \"  \"}", "reason must not be blank");
        badReport("{\"email\": \"" + email + "\", \"reason\": \"" + "x".repeat(1001) + "\"}", "reason size must be");
        badReport("{\"email\": \"" + email + "\", \"reason\": \"gone\", \"hard\": \"perhaps\"}", "hard");
        badReport("not json", "not valid JSON");

        admin().post("/api/admin/subscribers/987654321/reactivate")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        String pending = Subscribers.uniqueEmail("pending");
        Subscribers.signUp(pending, "platypus", "", "");
        admin().post("/api/admin/subscribers/" + Subscribers.id(pending) + "/reactivate")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("this one is pending"));
    }

    @Test
    void bothEndpointsAreForTheAdminOnly() {
        RestAssured.given()
                .contentType("application/json")
                .body("{\"email\": \"someone@example.org\", \"reason\": \"gone\"}")
                .post("/api/admin/bounces")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        RestAssured.given()
                .post("/api/admin/subscribers/1/reactivate")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void theOpenApiDocumentDescribesBoth() {
        RestAssured.get("/q/openapi")
                .then()
                .statusCode(200)
                .body(
                        containsString("/api/admin/bounces:"),
                        containsString("Report a bounce"),
                        containsString("/api/admin/subscribers/{id}/reactivate:"),
                        containsString("Reactivate a bounced subscriber"));
    }

    private static ValidatableResponse report(String email, String reason, Boolean hard) {
        String json = "{\"email\": \"" + email + "\", \"reason\": \"" + reason + "\""
                + (hard == null ? "" : ", \"hard\": " + hard) + "}";
        return admin().contentType("application/json")
                .body(json)
                .post("/api/admin/bounces")
                .then();
    }

    private static void badReport(String body, String detail) {
        admin().contentType("application/json")
                .body(body)
                .post("/api/admin/bounces")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString(detail));
    }
}
