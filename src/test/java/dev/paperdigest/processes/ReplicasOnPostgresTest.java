package dev.paperdigest.processes;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ServerSocket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Two service processes on one PostgreSQL database, as replicas run in production: they migrate
 * the schema at the same moment, accept each other's links, and when both start a digest run at
 * once every subscriber still gets exactly one digest, also when one of them is killed with
 * SIGKILL in the middle of sending and started again, and when the database server restarts in
 * the middle of sending (pg_ctlcluster, so the tests run as root or as the postgres user). Needs the service packaged for PostgreSQL
 * and the machine's PostgreSQL server on 127.0.0.1:5432 (trust auth); .ci/run provides both.
 */
@ExtendWith(LogsOnFailure.class)
@Tag("multiprocess")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasOnPostgresTest {

    static final String SERVER = System.getProperty("replicas.pg.server", "jdbc:postgresql://127.0.0.1:5432/");
    static final String USER = System.getProperty("replicas.pg.user", "postgres");
    static final String DATABASE = "paper_digest_replicas";
    static final String PASSWORD = "replica-admin";
    static final int SUBSCRIBERS = 12;
    static final int FAILOVER_SUBSCRIBERS = 200;
    static final int RESTART_SUBSCRIBERS = 80;

    static KillingSmtpServer smtp;
    static Map<String, String> env;
    static ServiceProcess first;
    static ServiceProcess second;

    @BeforeAll
    static void start() throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + DATABASE);
        }
        smtp = new KillingSmtpServer();
        env = ServiceProcess.environment(smtp.port(), PASSWORD);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", SERVER + DATABASE);
        env.put("QUARKUS_DATASOURCE_USERNAME", USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", "unused-with-trust-auth");
        env.put("QUARKUS_MAILER_TIMEOUT", "5s"); // a lost send is retried well within the mail waits below
        env.put("DIGEST_LIMITS_SUBSCRIBE_PER_IP_PER_HOUR", "1000"); // every sign-up here comes from 127.0.0.1
        first = new ServiceProcess("first", freePort(), env);
        second = new ServiceProcess("second", freePort(), env);
        first.awaitReady(Duration.ofSeconds(90));
        second.awaitReady(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {first, second}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        if (smtp != null) {
            smtp.close();
        }
    }

    @Test
    @Order(1)
    void twoReplicasSendEachDigestExactlyOnce() throws Exception {
        admin().contentType("application/json")
                .body("""
                [
                  {"paper": {"id": "2611.07001", "title": "Replicated state machines for paper alerts", "summary": "Consensus keeps replicas honest.", "authors": [{"name": "Leslie Lamport"}], "upvotes": 5}},
                  {"paper": {"id": "2611.07002", "title": "Exactly-once email delivery", "summary": "Outboxes and consensus, again.", "authors": [{"name": "Barbara Liskov"}]}}
                ]
                """)
                .post(first.url("/api/admin/papers/import"))
                .then()
                .statusCode(200);

        List<String> emails = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            String email = "replica-reader-" + i + "@example.org";
            emails.add(email);
            signUp(i % 2 == 0 ? first : second, email, "consensus");
        }
        for (int i = 0; i < SUBSCRIBERS; i++) {
            // a link issued by one replica works on the other: they share the signing key
            ServiceProcess confirmAt = i % 2 == 0 ? second : first;
            String link = link(awaitMail(emails.get(i), 1).get(0), "/confirm?token=");
            RestAssured.post(confirmAt.url(link)).then().statusCode(200).body(containsString("You are subscribed"));
        }

        CompletableFuture<Integer> runOnFirst = CompletableFuture.supplyAsync(() -> startRun(first));
        CompletableFuture<Integer> runOnSecond = CompletableFuture.supplyAsync(() -> startRun(second));
        assertThat(awaitRun(first, runOnFirst.get()), equalTo("SUCCEEDED"));
        assertThat(awaitRun(second, runOnSecond.get()), equalTo("SUCCEEDED"));

        for (String email : emails) {
            List<MimeMessage> mails = awaitMail(email, 2);
            await(email + " gets its confirmation and one digest, no more")
                    .during(Duration.ofMillis(200))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> mails(email), hasSize(2));
            assertThat(mails.get(1).getSubject(), containsString("2 new papers"));
        }
        admin().get(second.url("/api/admin/stats"))
                .then()
                .statusCode(200)
                .body("deliveries.SENT", equalTo(SUBSCRIBERS));
    }

    @Test
    @Order(2)
    void aReplicaKilledMidSendingLosesNoDigestAndRepeatsOnlyWhatWasInFlight() throws Exception {
        admin().contentType("application/json")
                .body("""
                [{"paper": {"id": "2611.07003", "title": "Surviving the loss of a replica", "summary": "Failover keeps every message.", "authors": [{"name": "Nancy Lynch"}]}}]
                """)
                .post(second.url("/api/admin/papers/import"))
                .then()
                .statusCode(200);
        List<String> emails = signUpAndConfirm("failover", FAILOVER_SUBSCRIBERS);

        smtp.killAtDigest(25, first);
        CompletableFuture<Integer> runOnFirst = CompletableFuture.supplyAsync(() -> startRun(first, "2026-11-29"));
        CompletableFuture<Integer> runOnSecond = CompletableFuture.supplyAsync(() -> startRun(second, "2026-11-29"));
        runOnFirst.get();
        runOnSecond.get();
        // the server's threads of the killed connections end in "Connection reset": expected here
        await("first killed at the 25th digest")
                .dontCatchUncaughtExceptions()
                .atMost(Duration.ofMinutes(2))
                .until(() -> first.killed);
        first = new ServiceProcess("first-again", first.port, env);
        first.awaitReady(Duration.ofSeconds(90));

        await("a digest for every subscriber")
                .dontCatchUncaughtExceptions()
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> smtp.digestsByRecipient().keySet().containsAll(emails));
        // both processes were sending: what the killed one had in flight, one per connection
        smtp.assertOneEachAndOnlyWhatWasInFlightTwice(emails, 8);
    }

    @Test
    @Order(3)
    void aDatabaseRestartMidRunLosesNoDigest() throws Exception {
        admin().contentType("application/json")
                .body("""
                [{"paper": {"id": "2611.07004", "title": "Riding out a database restart", "summary": "Reconnect and carry on.", "authors": [{"name": "Jim Gray"}]}}]
                """)
                .post(first.url("/api/admin/papers/import"))
                .then()
                .statusCode(200);
        List<String> emails = signUpAndConfirm("restart", RESTART_SUBSCRIBERS);

        CompletableFuture<Void> restarted = new CompletableFuture<>();
        smtp.atDigest(
                25,
                () -> CompletableFuture.runAsync(() -> {
                    restartPostgres();
                    restarted.complete(null);
                }));
        int run = startRun(first, "2026-11-30");
        restarted.get(2, java.util.concurrent.TimeUnit.MINUTES);

        await("a digest for every subscriber after the database came back")
                .dontCatchUncaughtExceptions()
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> smtp.digestsByRecipient().keySet().containsAll(emails));
        // a SENT mark lost with the restart repeats that digest, with the same Message-ID
        smtp.assertOneEachAndOnlyWhatWasInFlightTwice(emails, 8);
        // the run waited for the database instead of failing, and its end was recorded
        assertThat(awaitRun(first, run), equalTo("SUCCEEDED"));
        for (ServiceProcess replica : List.of(first, second)) {
            RestAssured.get(replica.url("/q/health/ready")).then().statusCode(200);
        }
    }

    /** Restarts the machine's PostgreSQL server, as an operator's upgrade or a failover would. */
    static void restartPostgres() {
        try {
            String version;
            try (var versions = java.nio.file.Files.list(java.nio.file.Path.of("/etc/postgresql"))) {
                version = versions.map(p -> p.getFileName().toString())
                        .max(java.util.Comparator.comparing(Integer::valueOf))
                        .orElseThrow();
            }
            Process restart = new ProcessBuilder(
                            "pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart")
                    .inheritIO()
                    .start();
            if (restart.waitFor() != 0) {
                throw new AssertionError("pg_ctlcluster restart failed: " + restart.exitValue());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Signs up {@code count} people for the keyword {@code topic} through the form, on each replica
     * in turn, and confirms each from their email on the other replica; returns their addresses.
     */
    static List<String> signUpAndConfirm(String topic, int count) throws Exception {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            emails.add(topic + "-reader-" + i + "@example.org");
            signUp(i % 2 == 0 ? first : second, emails.get(i), topic);
        }
        for (int i = 0; i < count; i++) {
            String link = link(awaitMail(emails.get(i), 1).get(0), "/confirm?token=");
            RestAssured.post((i % 2 == 0 ? second : first).url(link)).then().statusCode(200);
        }
        return emails;
    }

    static void signUp(ServiceProcess at, String email, String keywords) {
        RestAssured.given()
                .contentType("application/x-www-form-urlencoded")
                .formParam("email", email)
                .formParam("keywords", keywords)
                .formParam("frequency", "daily")
                .formParam("sendHour", "8")
                .formParam("timezone", "UTC")
                .post(at.url("/subscribe"))
                .then()
                .statusCode(200)
                .body(containsString("Check your inbox"));
    }

    static int startRun(ServiceProcess service) {
        return startRun(service, "2026-11-28");
    }

    static int startRun(ServiceProcess service, String date) {
        return admin().contentType("application/json")
                .body("{\"date\": \"" + date + "\"}")
                .post(service.url("/api/admin/digest-runs"))
                .then()
                .statusCode(202)
                .extract()
                .path("id");
    }

    static String awaitRun(ServiceProcess service, int id) {
        return await("run " + id + " to finish")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> admin().get(service.url("/api/admin/digest-runs/" + id))
                                .<String>path("status"),
                        status -> !"QUEUED".equals(status) && !"RUNNING".equals(status));
    }

    static RequestSpecification admin() {
        return RestAssured.given().auth().preemptive().basic("admin", PASSWORD);
    }

    static List<MimeMessage> mails(String address) throws Exception {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage m : smtp.greenMail().getReceivedMessages()) {
            if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address))) {
                mails.add(m);
            }
        }
        return mails;
    }

    static List<MimeMessage> awaitMail(String address, int count) {
        return await(count + " emails to " + address)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> mails(address), mails -> mails.size() >= count);
    }

    /** The path and query of the first link to {@code pathPrefix} in the plain-text part. */
    static String link(MimeMessage mail, String pathPrefix) throws Exception {
        Multipart parts = (Multipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).isMimeType("text/plain")) {
                Matcher m = Pattern.compile("http://localhost:8080" + Pattern.quote(pathPrefix) + "\\S+")
                        .matcher((String) parts.getBodyPart(i).getContent());
                if (m.find()) {
                    URI uri = URI.create(m.group());
                    return uri.getRawPath() + "?" + uri.getRawQuery();
                }
            }
        }
        throw new AssertionError("no " + pathPrefix + " link");
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
