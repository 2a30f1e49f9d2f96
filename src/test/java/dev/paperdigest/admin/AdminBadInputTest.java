package dev.paperdigest.admin;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.paperdigest.support.Admin.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Input that used to answer 500 gets a clear answer instead. */
@QuarkusTest
class AdminBadInputTest {

    @Test
    void aPageFarPastTheEndIsEmpty() {
        for (String list : List.of(
                "/api/admin/papers", "/api/admin/subscribers", "/api/admin/deliveries", "/api/admin/ingestions")) {
            admin().queryParam("page", Integer.MAX_VALUE)
                    .queryParam("size", 2)
                    .get(list)
                    .then()
                    .statusCode(200)
                    .body("items", hasSize(0))
                    .body("page", equalTo(Integer.MAX_VALUE));
        }
    }

    @Test
    void anUnknownStatusFilterSaysWhichOnesExist() {
        Map<String, String> lists = Map.of(
                "/api/admin/subscribers", "pending, active, unsubscribed, bounced",
                "/api/admin/deliveries", "queued, sending, sent, failed, cancelled",
                "/api/admin/ingestions", "queued, running, succeeded, failed, cancelled",
                "/api/admin/digest-runs", "queued, running, succeeded, failed, cancelled");
        lists.forEach((list, statuses) -> {
            admin().queryParam("status", "nonsense")
                    .get(list)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("status must be one of " + statuses));
            admin().queryParam(
                            "status",
                            " "
                                    + statuses.substring(statuses.lastIndexOf(' ') + 1)
                                            .toUpperCase() + " ")
                    .get(list)
                    .then()
                    .statusCode(200);
        });
    }

    @Test
    void aSearchWithABackslashOrLikeWildcardsIsTakenLiterally() {
        for (String q : List.of("\\a", "\\", "100%", "a_b", "!x")) {
            admin().queryParam("q", q).get("/api/admin/papers").then().statusCode(200);
        }
    }

    @Test
    void runsAreRefusedForDaysOutsideASaneWindow() {
        for (String date : List.of("+999999999-01-01", "0999-06-01", "2999-01-01")) {
            admin().contentType("application/json")
                    .body("{\"date\": \"" + date + "\"}")
                    .post("/api/admin/digest-runs")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("date must lie"));
            admin().contentType("application/json")
                    .body("{\"source\": \"hf\", \"date\": \"" + date + "\"}")
                    .post("/api/admin/ingestions")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("date must lie"));
        }
    }
}
