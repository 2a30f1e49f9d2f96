package dev.paperdigest.admin;

import dev.paperdigest.support.Admin;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class AdminSecurityTest {

    @Test
    void refusesRequestsWithoutCredentials() {
        given().when()
                .get("/api/admin/stats")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Basic"))
                .body("status", equalTo(401));
        given().contentType("application/json")
                .body("[]")
                .when()
                .post("/api/admin/papers/import")
                .then()
                .statusCode(401);
        given().contentType("application/json")
                .body("{}")
                .when()
                .post("/api/admin/digest-runs")
                .then()
                .statusCode(401);
    }

    @Test
    void refusesAWrongPassword() {
        given().auth()
                .preemptive()
                .basic("admin", "not-the-password")
                .when()
                .get("/api/admin/stats")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Basic"))
                .body("detail", containsString("wrong"));
        given().auth()
                .preemptive()
                .basic("someone", Admin.PASSWORD)
                .when()
                .get("/api/admin/subscribers")
                .then()
                .statusCode(401);
    }

    @Test
    void letsTheAdminIn() {
        int papers = Admin.admin()
                .when()
                .get("/api/admin/stats")
                .then()
                .statusCode(200)
                .extract()
                .path("papers");
        Admin.admin()
                .contentType("application/json")
                .body("""
                [{"paper": {"id": "2612.00931", "title": "Counted by the stats", "summary": "One more paper.", "authors": [{"name": "Ada Lovelace"}]}}]
                """)
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200)
                .body("created", equalTo(1));
        // the admin sees the real figures: one paper more than before
        Admin.admin().when().get("/api/admin/stats").then().statusCode(200).body("papers", equalTo(papers + 1));
    }

    @Test
    void answersErrorsAsProblemJson() {
        Admin.admin()
                .when()
                .get("/api/admin/subscribers/999999999")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", containsString("subscriber 999999999"));
        Admin.admin()
                .when()
                .get("/api/admin/papers?size=5000")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("size must be from 1 to 200"));
        Admin.admin()
                .when()
                .get("/api/admin/subscribers?page=abc")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("page must be a whole number from 0"));
        Admin.admin()
                .contentType("application/json")
                .body("not json")
                .when()
                .post("/api/admin/digest-runs")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("not valid JSON"));
        Admin.admin()
                .contentType("application/json")
                .body("{\"dryRun\": \"maybe\"}")
                .when()
                .post("/api/admin/digest-runs")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("dryRun"));
    }

    @Test
    void keepsPublicPagesAndHealthOpen() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
        // the wellness checks answer 503 while they warn, to anyone
        given().when().get("/q/health").then().statusCode(not(401));
        given().when().get("/subscribe").then().statusCode(200);
    }
}
