package dev.paperdigest.processes;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The packaged service on its embedded default (an H2 file), killed with SIGKILL the moment the
 * SMTP server receives its 25th digest, then started again on the same database: the rest go out
 * within a couple of minutes (what the dead process held is taken over once its heartbeat is a
 * minute old), everyone gets their digest, and only the digests in flight at the kill, at most one
 * per SMTP connection, are sent twice. Stopped with SIGTERM instead, it finishes the digests in
 * flight, gives the rest back and releases its lease, and nobody gets a digest twice. Needs the
 * service packaged for H2; .ci/run provides it.
 */
@ExtendWith(LogsOnFailure.class)
@Tag("crash")
class KilledMidRunOnH2Test {

    static final String PASSWORD = "crash-admin";
    static final int SUBSCRIBERS = 200;
    static final int KILLED_AT = 25;
    static final int CONNECTIONS = 8;

    KillingSmtpServer smtp;
    ServiceProcess service;
    Path data;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (smtp != null) {
            smtp.close();
        }
    }

    @Test
    void aServiceKilledMidSendingSendsTheRestAfterARestartAndRepeatsOnlyWhatWasInFlight() throws Exception {
        List<String> emails = subscribersAndPaper();
        smtp.killAtDigest(KILLED_AT, service);
        startRun();
        // the server's threads of the killed connections end in "Connection reset": expected here
        await("the kill at the " + KILLED_AT + "th digest")
                .dontCatchUncaughtExceptions()
                .atMost(Duration.ofMinutes(2))
                .until(() -> service.killed);

        service = start("after");
        long restarted = System.nanoTime();
        await("a digest for every subscriber after the restart")
                .dontCatchUncaughtExceptions()
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> smtp.digestsByRecipient().size(), equalTo(SUBSCRIBERS));

        long twice = smtp.assertOneEachAndOnlyWhatWasInFlightTwice(emails, CONNECTIONS);
        System.out.printf(
                "killed at digest %d of %d; after the restart all were sent within %d s; %d sent twice%n",
                KILLED_AT,
                SUBSCRIBERS,
                Duration.ofNanos(System.nanoTime() - restarted).toSeconds(),
                twice);
        admin().get(service.url("/api/admin/stats"))
                .then()
                .statusCode(200)
                .body("deliveries.SENT", equalTo(SUBSCRIBERS));
    }

    @Test
    void aServiceStoppedWithSigtermMidSendingFinishesWhatIsInFlightAndLeavesTheRestQueued() throws Exception {
        List<String> emails = subscribersAndPaper();
        smtp.terminateAtDigest(KILLED_AT, service);
        startRun();
        await("SIGTERM at the " + KILLED_AT + "th digest, and the process gone")
                .atMost(Duration.ofMinutes(2))
                .until(() -> service.awaitExit(Duration.ofSeconds(1)));

        try (Connection db = DriverManager.getConnection(jdbcUrl(), "sa", "");
                Statement sql = db.createStatement()) {
            assertThat(count(sql, "SELECT COUNT(*) FROM delivery WHERE status = 'SENDING'"), equalTo(0L));
            assertThat(
                    "digests accepted by the server are marked sent",
                    count(sql, "SELECT COUNT(*) FROM delivery WHERE status = 'SENT'"),
                    equalTo((long) smtp.digestsByRecipient().size()));
            assertThat(
                    "the digest-run lease is released",
                    count(
                            sql,
                            "SELECT COUNT(*) FROM job_lease WHERE name = 'digest-run' AND leased_until > CURRENT_TIMESTAMP"),
                    equalTo(0L));
        }

        service = start("after");
        await("a digest for every subscriber after the restart")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> smtp.digestsByRecipient().size(), equalTo(SUBSCRIBERS));
        assertThat(smtp.assertOneEachAndOnlyWhatWasInFlightTwice(emails, 0), equalTo(0L));
    }

    /** A fresh service on a fresh database, with subscribers and a paper for each of them. */
    private List<String> subscribersAndPaper() throws Exception {
        smtp = new KillingSmtpServer();
        data = Files.createTempDirectory("paper-digest-h2");
        service = start("before");
        return importPaperAndSubscribers();
    }

    private void startRun() {
        admin().contentType("application/json")
                .body("{\"date\": \"2026-11-28\"}")
                .post(service.url("/api/admin/digest-runs"))
                .then()
                .statusCode(202);
    }

    private String jdbcUrl() {
        return "jdbc:h2:file:" + data.resolve("paper-digest") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private ServiceProcess start(String name) throws Exception {
        Map<String, String> env = ServiceProcess.environment(smtp.port(), PASSWORD);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl());
        env.put("DIGEST_DELIVERY_CONNECTIONS", Integer.toString(CONNECTIONS));
        ServiceProcess process = new ServiceProcess(name, ReplicasOnPostgresTest.freePort(), env);
        process.awaitReady(Duration.ofSeconds(90));
        return process;
    }

    private List<String> importPaperAndSubscribers() {
        admin().contentType("application/json")
                .body("""
                [{"paper": {"id": "2611.08001", "title": "Crash recovery for write-ahead logs", "summary": "Durability after a power cut.", "authors": [{"name": "C. Mohan"}]}}]
                """)
                .post(service.url("/api/admin/papers/import"))
                .then()
                .statusCode(200);
        List<String> emails = IntStream.range(0, SUBSCRIBERS)
                .mapToObj(i -> "crash-reader-" + i + "@example.org")
                .toList();
        String lines = emails.stream()
                .map(email -> "{\"email\": \"" + email + "\", \"keywords\": [\"durability\"], "
                        + "\"frequency\": \"daily\", \"sendHour\": 8, \"timezone\": \"UTC\"}")
                .collect(Collectors.joining("\n"));
        admin().contentType("application/x-ndjson")
                .body(lines.getBytes(StandardCharsets.UTF_8))
                .post(service.url("/api/admin/subscribers/import?preconfirmed=true"))
                .then()
                .statusCode(200)
                .body("created", equalTo(SUBSCRIBERS));
        return emails;
    }

    private static RequestSpecification admin() {
        return RestAssured.given().auth().preemptive().basic("admin", PASSWORD);
    }
}
