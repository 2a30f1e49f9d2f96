package dev.paperdigest.admin;

import dev.paperdigest.support.Admin;
import dev.paperdigest.support.Links;
import dev.paperdigest.support.Mailbox;
import dev.paperdigest.support.PaperIds;
import dev.paperdigest.support.Subscribers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class AdminApiTest {

    private final String topic = "wombat" + UUID.randomUUID().toString().substring(0, 6);

    @Test
    void erasingAPersonRemovesEverythingAndTheirLinksStopWorking() {
        String email = Subscribers.uniqueEmail("erase-me");
        Mailbox.Received confirmation = Subscribers.signUpAndConfirm(email, topic, "", "");
        long id = Subscribers.id(email);

        Admin.admin().delete("/api/admin/subscribers/" + id).then().statusCode(204);
        Admin.admin().get("/api/admin/subscribers/" + id).then().statusCode(404);
        Admin.admin().get("/api/admin/subscribers/" + id + "/export").then().statusCode(404);
        String header = confirmation.header("List-Unsubscribe");
        RestAssured.get(Links.pathAndQuery(header.substring(1, header.length() - 1)))
                .then()
                .statusCode(404)
                .body(containsString("no longer exists"));
        // signing up again starts from scratch
        Subscribers.signUp(email, topic, "", "");
        Admin.admin()
                .get("/api/admin/subscribers/" + Subscribers.id(email))
                .then()
                .body("status", equalTo("PENDING"));
    }

    @Test
    void papersCanBeListedSearchedAndDeleted() {
        String id = PaperIds.base("2612") + "0";
        Admin.admin()
                .contentType("application/json")
                .body("""
                [{"paper": {"id": "%s", "title": "The %s hypothesis", "summary": "Nothing.", "authors": [{"name": "Ada Lovelace"}], "upvotes": 1}}]
                """.formatted(id, topic))
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200);

        Admin.admin()
                .queryParam("q", topic)
                .get("/api/admin/papers")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].arxivId", equalTo(id))
                .body("items[0].title", equalTo("The " + topic + " hypothesis"))
                .body("items[0].authors[0]", equalTo("Ada Lovelace"));
        Admin.admin()
                .queryParam("since", "2099-01-01")
                .queryParam("q", topic)
                .get("/api/admin/papers")
                .then()
                .body("total", equalTo(0));
        Admin.admin().delete("/api/admin/papers/" + id).then().statusCode(204);
        Admin.admin().get("/api/admin/papers/" + id).then().statusCode(404).contentType("application/problem+json");
        Admin.admin().queryParam("q", topic).get("/api/admin/papers").then().body("total", equalTo(0));
    }

    @Test
    void theOutboxListsSentDigestsAndRefusesToResendThem() {
        String base = PaperIds.base("2612");
        Admin.admin()
                .contentType("application/json")
                .body("""
                [{"paper": {"id": "%s1", "title": "All about %s", "summary": "Indeed.", "authors": [{"name": "Ada Lovelace"}]}}]
                """.formatted(base, topic))
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200);
        String email = Subscribers.uniqueEmail("outbox");
        Subscribers.signUpAndConfirm(email, topic, "", "");
        long subscriber = Subscribers.id(email);
        int run = Admin.admin()
                .contentType("application/json")
                .body("{\"date\": \"2026-12-01\"}")
                .post("/api/admin/digest-runs")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        awaitRun(run);
        Mailbox.await(email, 2);

        List<Integer> ids = Admin.admin()
                .queryParam("status", "sent")
                .queryParam("size", 200)
                .get("/api/admin/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .path("items.findAll { it.subscriberId == " + subscriber + " }.id");
        assertThat(ids.size(), equalTo(1));
        Admin.admin()
                .post("/api/admin/deliveries/" + ids.get(0) + "/retry")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("sent"));
        Admin.admin().get("/api/admin/deliveries?status=lost").then().statusCode(400);

        Admin.admin()
                .get("/api/admin/stats")
                .then()
                .statusCode(200)
                .body("subscribers.ACTIVE", greaterThanOrEqualTo(1))
                .body("deliveries.SENT", greaterThanOrEqualTo(1))
                .body("deliveriesByDay.'2026-12-01'.SENT", greaterThanOrEqualTo(1))
                .body("papers", greaterThanOrEqualTo(1));
        Admin.admin()
                .get("/api/admin/subscribers/" + subscriber + "/export")
                .then()
                .statusCode(200)
                .body("deliveries[0].period", equalTo("2026-12-01"))
                .body("deliveries[0].status", equalTo("SENT"))
                .body("deliveries[0].papers.title", hasItem("All about " + topic))
                .body("deliveries[0].papers[0].reasons", hasItem("keyword “" + topic + "”"))
                .body("subscriber.subscriptions.query", not(hasItem("something else")));
    }

    private static void awaitRun(int id) {
        assertThat(
                Admin.awaitFinished("/api/admin/digest-runs/" + id, Duration.ofSeconds(30))
                        .getString("status"),
                equalTo("SUCCEEDED"));
    }
}
