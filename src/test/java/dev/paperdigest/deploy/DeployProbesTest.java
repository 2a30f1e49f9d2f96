package dev.paperdigest.deploy;

import dev.paperdigest.deploy.DeployFiles.Probe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every health probe of the deploy files asks a path the running service answers UP. */
@QuarkusTest
class DeployProbesTest {

    @Test
    void everyProbeOfTheDeployFilesIsAnsweredUp() {
        List<Probe> probes = DeployFiles.read().containers.stream()
                .flatMap(container -> container.probes().stream())
                .toList();
        assertFalse(probes.isEmpty(), "no probes found under deploy/ and src/main/docker/");
        for (Probe probe : probes) {
            Response answer = given().when().get(probe.path());
            String where = probe.source() + ": the " + probe.kind() + " asks " + probe.path();
            assertEquals(200, answer.statusCode(), where);
            assertEquals("UP", answer.path("status"), where);
        }
    }
}
