package dev.paperdigest.support;

import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

import java.util.List;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Signs people up the way a browser would, and confirms them through the emailed link. */
public final class Subscribers {

    private Subscribers() {}

    public static String uniqueEmail(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    public static void signUp(String email, String keywords, String authors, String categories) {
        RestAssured.given()
                .contentType("application/x-www-form-urlencoded")
                .formParam("email", email)
                .formParam("keywords", keywords)
                .formParam("authors", authors)
                .formParam("categories", categories)
                .formParam("frequency", "daily")
                .formParam("sendHour", "8")
                .formParam("timezone", "Europe/Berlin")
                .when()
                .post("/subscribe")
                .then()
                .statusCode(200)
                .body(containsString("Check your inbox"));
    }

    /** Posts the sign-up form with liked papers only (arXiv ids or links, one per line), daily at 8 UTC. */
    public static ValidatableResponse postLikedPapers(String email, String papers) {
        return RestAssured.given()
                .contentType("application/x-www-form-urlencoded")
                .formParam("email", email)
                .formParam("papers", papers)
                .formParam("frequency", "daily")
                .formParam("sendHour", "8")
                .formParam("timezone", "UTC")
                .when()
                .post("/subscribe")
                .then();
    }

    /** Signs up and clicks the confirmation link; returns the confirmation email. */
    public static Mailbox.Received signUpAndConfirm(String email, String keywords, String authors, String categories) {
        int before = Mailbox.of(email).size();
        signUp(email, keywords, authors, categories);
        Mailbox.Received confirmation = Mailbox.await(email, before + 1).get(before);
        confirm(confirmation);
        return confirmation;
    }

    /**
     * An active subscriber to one keyword query, daily, made by an operator's preconfirmed import:
     * no email is sent, so it works whatever the SMTP server does. Returns their id.
     */
    public static long importActive(String email, String keyword) {
        Admin.jsonLines("""
                        {"email": "%s", "keywords": ["%s"], "frequency": "daily", "sendHour": 8, "timezone": "Europe/Berlin"}
                        """.formatted(email, keyword))
                .queryParam("preconfirmed", "true")
                .post("/api/admin/subscribers/import")
                .then()
                .statusCode(200)
                .body("created", equalTo(1));
        return id(email);
    }

    /** The admin API's id of a subscriber, found by email. */
    public static long id(String email) {
        int total = Admin.admin().get("/api/admin/subscribers").path("total");
        for (int page = 0; page * 200 < total; page++) {
            List<Integer> ids = Admin.admin()
                    .queryParam("size", 200)
                    .queryParam("page", page)
                    .get("/api/admin/subscribers")
                    .path("items.findAll { it.email == '" + email + "' }.id");
            if (!ids.isEmpty()) {
                return ids.get(0);
            }
        }
        throw new AssertionError("no subscriber " + email);
    }

    /** Presses the button of the page the confirmation link opens. */
    public static void confirm(Mailbox.Received confirmation) {
        RestAssured.given()
                .post(Links.pathAndQuery(confirmation.link("http://localhost:8080/confirm?token=")))
                .then()
                .statusCode(200)
                .body(containsString("You are subscribed"));
    }
}
