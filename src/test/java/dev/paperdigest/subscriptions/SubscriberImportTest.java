package dev.paperdigest.subscriptions;

import dev.paperdigest.support.Admin;
import dev.paperdigest.support.Links;
import dev.paperdigest.support.Mailbox;
import dev.paperdigest.support.Subscribers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** Operators moving from another service load their lists in bulk, checked like the sign-up form. */
@QuarkusTest
class SubscriberImportTest {

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    @Inject
    EntityManager em;

    @Test
    void preconfirmedLinesBecomeActiveSubscribersAndBadLinesAreReportedOneByOne() {
        String ada = Subscribers.uniqueEmail("ada");
        String alan = Subscribers.uniqueEmail("alan");
        String lines = """
                {"email": "%s", "keywords": ["sparse attention"], "authors": ["Tim Dettmers"], "categories": ["cs.CL"], "frequency": "weekly", "sendHour": 7, "timezone": "Europe/Berlin"}
                {"email": "%s", "categories": "cs.LG"}
                not json at all
                {"email": "not-an-address", "keywords": ["llm"]}
                {"email": "%s", "keywords": ["\\"unclosed"]}

                {"email": "%s", "keywords": ["something else"]}
                """.formatted(ada, alan, Subscribers.uniqueEmail("bad-query"), ada);

        importLines(lines, "true")
                .body("received", equalTo(6))
                .body("created", equalTo(2))
                .body("skipped", equalTo(1)) // the same address twice: the first line counts
                .body("rejected", hasSize(3))
                .body("rejected[0].index", equalTo(2))
                .body("rejected[0].reason", startsWith("the line is not JSON"))
                .body("rejected[1].index", equalTo(3))
                .body("rejected[1].reason", containsString("\"not-an-address\" is not an email address."))
                .body("rejected[2].index", equalTo(4))
                .body("rejected[2].reason", startsWith("Keyword \"\"unclosed\""));

        long id = Subscribers.id(ada);
        Admin.admin()
                .get("/api/admin/subscribers/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("frequency", equalTo("weekly"))
                .body("sendHour", equalTo(7))
                .body("timezone", equalTo("Europe/Berlin"))
                .body("subscriptions.query", equalTo(List.of("sparse attention", "Tim Dettmers", "cs.CL")));
        // defaults for what a line leaves out
        Admin.admin()
                .get("/api/admin/subscribers/" + Subscribers.id(alan))
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("frequency", equalTo("daily"))
                .body("sendHour", equalTo(8))
                .body("timezone", equalTo("UTC"));
        // nobody was emailed: the operator vouched for them
        Mailbox.assertNoMoreArrive(ada, 0);
    }

    @Test
    void importingAgainUpdatesWhatChangedAndNeverBringsBackSomeoneWhoLeft() {
        String stays = Subscribers.uniqueEmail("stays");
        String changes = Subscribers.uniqueEmail("changes");
        String leaves = Subscribers.uniqueEmail("leaves");
        String first = line(stays, "diffusion") + line(changes, "diffusion") + line(leaves, "diffusion");
        importLines(first, "true").body("created", equalTo(3));
        RestAssured.given()
                .formParam("List-Unsubscribe", "One-Click")
                .post(Links.pathAndQuery(unsubscribeLinkOf(leaves)))
                .then()
                .statusCode(200);

        importLines(line(stays, "diffusion") + line(changes, "quantization") + line(leaves, "diffusion"), "true")
                .body("created", equalTo(0))
                .body("updated", equalTo(1))
                .body("skipped", equalTo(2));

        Admin.admin()
                .get("/api/admin/subscribers/" + Subscribers.id(changes))
                .then()
                .body("subscriptions.query", equalTo(List.of("quantization")));
        Admin.admin()
                .get("/api/admin/subscribers/" + Subscribers.id(leaves))
                .then()
                .body("status", equalTo("UNSUBSCRIBED"));
    }

    @Test
    void withoutConsentFromTheOperatorEachNewAddressConfirmsByEmail() {
        String email = Subscribers.uniqueEmail("asked");
        importLines(line(email, "speculative decoding"), "false").body("created", equalTo(1));

        Admin.admin()
                .get("/api/admin/subscribers/" + Subscribers.id(email))
                .then()
                .body("status", equalTo("PENDING"));
        Mailbox.Received confirmation = Mailbox.await(email, 1).get(0);
        assertThat(confirmation.subject(), equalTo("Confirm your Paper Digest subscription"));
        Subscribers.confirm(confirmation);
        Admin.admin()
                .get("/api/admin/subscribers/" + Subscribers.id(email))
                .then()
                .body("status", equalTo("ACTIVE"));
    }

    @Test
    void aBadRequestIsRefusedWithAProblem() {
        Admin.jsonLines(line("x@example.org", "llm"))
                .post("/api/admin/subscribers/import?preconfirmed=maybe")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("preconfirmed"));
        Admin.admin()
                .contentType("text/csv")
                .body("email\nx@example.org\n")
                .post("/api/admin/subscribers/import")
                .then()
                .statusCode(415);
        RestAssured.given()
                .contentType("application/x-ndjson")
                .body(line("x@example.org", "llm").getBytes(StandardCharsets.UTF_8))
                .post("/api/admin/subscribers/import")
                .then()
                .statusCode(401);
    }

    @Test
    void aLargeImportKeepsPostgresPlanningForATableThatIsNotEmpty() {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 1_500; i++) {
            lines.append(line(Subscribers.uniqueEmail("bulk"), "bulk imports"));
        }
        importLines(lines.toString(), "true").body("created", equalTo(1_500));
        if (dbKind.startsWith("postgres")) {
            // without fresh statistics the lookup of existing addresses, planned for the empty
            // table, scanned all of it for every batch: 100,000 lines took minutes instead of seconds
            Object analysed = QuarkusTransaction.requiringNew()
                    .call(() -> em.createNativeQuery(
                                    "SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'subscriber'")
                            .getSingleResult());
            assertThat(analysed, notNullValue());
        }
    }

    private static String line(String email, String keyword) {
        return "{\"email\": \"" + email + "\", \"keywords\": [\"" + keyword + "\"]}\n";
    }

    private static ValidatableResponse importLines(String lines, String preconfirmed) {
        return Admin.jsonLines(lines)
                .post("/api/admin/subscribers/import?preconfirmed=" + preconfirmed)
                .then()
                .statusCode(200);
    }

    /** The unsubscribe link of someone who was never emailed: their digest preview carries it. */
    private static String unsubscribeLinkOf(String email) {
        String html = Admin.admin()
                .get("/api/admin/subscribers/" + Subscribers.id(email) + "/digest-preview")
                .asString();
        Matcher m = Pattern.compile("http://localhost:8080/unsubscribe\\?token=[^\"]+")
                .matcher(html);
        assertThat("an unsubscribe link in " + html, m.find(), equalTo(true));
        return m.group().replace("&amp;", "&");
    }
}
