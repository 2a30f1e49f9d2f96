package dev.paperdigest.admin;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

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
