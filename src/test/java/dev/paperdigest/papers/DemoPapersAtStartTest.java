package dev.paperdigest.papers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A first start on an empty database shows the example papers soon after it is ready, loaded in the background. */
@QuarkusTest
@TestProfile(DemoPapersAtStartTest.WithDemoData.class)
class DemoPapersAtStartTest {

    public static class WithDemoData implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("digest.demo-data", "true");
        }
    }

    @Test
    void theExamplePapersAppearOnTheirDays() {
        List<PaperRecord> demo = new DemoPapers(null, null, new ObjectMapper(), null, null).read();
        long distinct = demo.stream().map(PaperRecord::arxivId).distinct().count();
        await("the demo papers loaded in the background")
                .atMost(Duration.ofSeconds(30))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> Paper.count()), equalTo(distinct));

        PaperRecord dated =
                demo.stream().filter(p -> p.listedOn() != null).findFirst().orElseThrow();
        given().queryParam("day", dated.listedOn().toString())
                .get("/")
                .then()
                .statusCode(200)
                .body(containsString(dated.title().substring(0, 20)));
    }
}
