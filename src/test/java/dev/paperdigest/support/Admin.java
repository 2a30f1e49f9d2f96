package dev.paperdigest.support;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;

/** RestAssured requests as the admin user of the test profile. */
public final class Admin {

    public static final String PASSWORD = "test-admin-password";

    private Admin() {}

    public static RequestSpecification admin() {
        return RestAssured.given().auth().preemptive().basic("admin", PASSWORD);
    }

    /** An admin request carrying JSON Lines. */
    public static RequestSpecification jsonLines(String lines) {
        return admin().contentType("application/x-ndjson").body(lines.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Polls the admin API's view of a background run (a digest run, an ingestion) until it has
     * finished, whatever its outcome; returns that last view.
     */
    public static JsonPath awaitFinished(String path, Duration patience) {
        return await("the run at " + path + " to finish")
                .atMost(patience)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> admin().get(path).then().statusCode(200).extract().jsonPath(),
                        run -> !UNFINISHED.contains(run.getString("status")));
    }

    private static final Set<String> UNFINISHED = Set.of("QUEUED", "RUNNING");

    /** A subscriber's deliveries as the admin API lists them (the newest 200 of everyone's). */
    public static List<Map<String, Object>> deliveriesOf(long subscriber) {
        return admin().queryParam("size", 200)
                .get("/api/admin/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .path("items.findAll { it.subscriberId == " + subscriber + " }");
    }
}
