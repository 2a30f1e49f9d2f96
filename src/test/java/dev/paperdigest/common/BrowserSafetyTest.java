package dev.paperdigest.common;

import dev.paperdigest.support.Admin;
import dev.paperdigest.support.Mailbox;
import dev.paperdigest.support.Subscribers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** What browsers are told, and what a page on another site cannot make them do. */
@QuarkusTest
class BrowserSafetyTest {

    @Test
    void pagesForbidInlineScriptFramingAndReferrers() {
        for (String page : List.of("/", "/subscribe", "/confirm?token=x", "/api/admin/stats")) {
            RestAssured.get(page)
                    .then()
                    .header(
                            "Content-Security-Policy",
                            allOf(
                                    containsString("script-src 'self'"),
                                    containsString("frame-ancestors 'none'"),
                                    not(containsString("unsafe-eval"))))
                    .header("Referrer-Policy", equalTo("no-referrer"))
                    .header("X-Content-Type-Options", equalTo("nosniff"));
        }
        for (String page : List.of("/", "/subscribe")) {
            String html = RestAssured.get(page).then().statusCode(200).extract().asString();
            assertThat(
                    page + " has no inline script",
                    html.replaceAll("<script src=\"[^\"]+\"( defer)?></script>", ""),
                    not(containsString("<script")));
        }
        RestAssured.get("/js/timezone.js").then().statusCode(200).contentType(containsString("javascript"));
    }

    @Test
    void aSignUpPostedFromAnotherSiteIsRefusedAndMailsNobody() {
        String victim = Subscribers.uniqueEmail("csrf-victim");
        signUp(victim)
                .header("Origin", "https://evil.example")
                .post("/subscribe")
                .then()
                .statusCode(403);
        signUp(victim)
                .header("Sec-Fetch-Site", "cross-site")
                .header("Origin", "https://evil.example")
                .post("/subscribe")
                .then()
                .statusCode(403);
        signUp(victim).header("Origin", "null").post("/subscribe").then().statusCode(403);
        Mailbox.assertNoMoreArrive(victim, 0);

        // the site's own form, as a browser sends it
        signUp(victim)
                .header("Sec-Fetch-Site", "same-origin")
                .header("Origin", "http://localhost:" + RestAssured.port)
                .post("/subscribe")
                .then()
                .statusCode(200)
                .body(containsString("Check your inbox"));
        Mailbox.await(victim, 1);
    }

    @Test
    void theAdminApiCannotBeCalledFromAnotherSiteWithRememberedCredentials() {
        Admin.admin()
                .header("Sec-Fetch-Site", "cross-site")
                .contentType("application/json")
                .body("{}")
                .post("/api/admin/digest-runs")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void oneClickUnsubscribeStillWorksFromMailProviders() {
        // a mail provider's server posts it; a bad token is the only reason to refuse it
        RestAssured.given()
                .header("Origin", "https://mail.example")
                .formParam("List-Unsubscribe", "One-Click")
                .post("/unsubscribe?token=garbage")
                .then()
                .statusCode(400)
                .body(containsString("This link is not valid"));
    }

    @Test
    void swaggerUiIsOffUnlessSwitchedOn() {
        RestAssured.get("/q/swagger-ui").then().statusCode(404);
        RestAssured.get("/q/openapi").then().statusCode(200);
    }

    private static RequestSpecification signUp(String email) {
        return RestAssured.given()
                .contentType("application/x-www-form-urlencoded")
                .formParam("email", email)
                .formParam("keywords", "diffusion")
                .formParam("frequency", "daily")
                .formParam("sendHour", "8")
                .formParam("timezone", "UTC");
    }
}
