package dev.paperdigest.support;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;

/** RestAssured requests as the admin user of the test profile. */
public final class Admin {

    public static final String PASSWORD = "test-admin-password";

    private Admin() {
    }

    public static RequestSpecification admin() {
        return RestAssured.given().auth().preemptive().basic("admin", PASSWORD);
    }

    /** An admin request carrying JSON Lines. */
    public static RequestSpecification jsonLines(String lines) {
        return admin().contentType("application/x-ndjson").body(lines.getBytes(StandardCharsets.UTF_8));
    }
}
