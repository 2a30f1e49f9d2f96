package dev.paperdigest.processes;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * The packaged service on its embedded default (an H2 file), killed with SIGKILL the moment the
 * SMTP server receives its 25th digest, then started again on the same database: the rest go out
 * within a couple of minutes (what the dead process held is taken over once its heartbeat is a
 * minute old), everyone gets their digest, and only the digests in flight at the kill, at most one
 * per SMTP connection, are sent twice. Needs the service packaged for H2; .ci/run provides it.
 */
@Tag("crash")
class KilledMidRunOnH2Test {

    static final String PASSWORD = "crash-admin";
    static final int SUBSCRIBERS = 200;
    static final int KILLED_AT = 25;
    static final int CONNECTIONS = 8;

    GreenMail smtp;
    ServiceProcess service;
    Path data;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void aServiceKilledMidSendingSendsTheRestAfterARestartAndRepeatsOnlyWhatWasInFlight() throws Exception {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        data = Files.createTempDirectory("paper-digest-crash");
        AtomicInteger received = new AtomicInteger();
        killOnDelivery(received);

        service = start("before");
        importPaperAndSubscribers();
        admin().contentType("application/json")
                .body("{\"date\": \"2026-11-28\"}")
                .post(service.url("/api/admin/digest-runs"))
                .then()
                .statusCode(202);
        // the server's threads of the killed connections end in "Connection reset": expected here
        await("the kill at the " + KILLED_AT + "th digest")
                .dontCatchUncaughtExceptions()
                .atMost(Duration.ofMinutes(2))
                .until(() -> received.get() >= KILLED_AT && service.killed);

        service = start("after");
        long restarted = System.nanoTime();
        await("a digest for every subscriber after the restart")
                .dontCatchUncaughtExceptions()
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> digestsPerRecipient().size(), equalTo(SUBSCRIBERS));

        Map<String, Long> perRecipient = digestsPerRecipient();
        long twice = perRecipient.values().stream().filter(n -> n > 1).count();
        System.out.printf(
                "killed at digest %d of %d; after the restart all were sent within %d s; %d sent twice%n",
                KILLED_AT,
                SUBSCRIBERS,
                Duration.ofNanos(System.nanoTime() - restarted).toSeconds(),
                twice);
        assertThat(
                perRecipient.values().stream().mapToLong(Long::longValue).max().orElseThrow(), equalTo(2L));
        assertThat("digests sent twice: those in flight at the kill", twice, lessThanOrEqualTo((long) CONNECTIONS));
        admin().get(service.url("/api/admin/stats"))
                .then()
                .statusCode(200)
                .body("deliveries.SENT", equalTo(SUBSCRIBERS));
    }

    /** Kills the service while the server takes in the KILLED_AT-th digest, before it answers. */
    private void killOnDelivery(AtomicInteger received) {
        UserManager users = smtp.getUserManager();
        MessageDeliveryHandler deliver = users.getMessageDeliveryHandler();
        users.setMessageDeliveryHandler((message, address) -> {
            if (received.incrementAndGet() == KILLED_AT) {
                try {
                    service.killNow();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return deliver.handle(message, address);
        });
    }

    private ServiceProcess start(String name) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put(
                "QUARKUS_DATASOURCE_JDBC_URL",
                "jdbc:h2:file:" + data.resolve("paper-digest") + ";DB_CLOSE_ON_EXIT=FALSE");
        env.put("QUARKUS_MAILER_MOCK", "false");
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", Integer.toString(smtp.getSmtp().getPort()));
        env.put("DIGEST_ADMIN_PASSWORD", PASSWORD);
        env.put("DIGEST_DEMO_DATA", "false");
        env.put("DIGEST_SOURCES_HF_ENABLED", "false");
        env.put("DIGEST_SOURCES_ARXIV_ENABLED", "false");
        env.put("DIGEST_DELIVERY_CRON", "off");
        env.put("DIGEST_DELIVERY_POLL", "1s");
        env.put("DIGEST_DELIVERY_CONNECTIONS", Integer.toString(CONNECTIONS));
        ServiceProcess process = new ServiceProcess(name, ReplicasOnPostgresTest.freePort(), env);
        process.awaitReady(Duration.ofSeconds(90));
        return process;
    }

    private void importPaperAndSubscribers() {
        admin().contentType("application/json")
                .body("""
                [{"paper": {"id": "2611.08001", "title": "Crash recovery for write-ahead logs", "summary": "Durability after a power cut.", "authors": [{"name": "C. Mohan"}]}}]
                """)
                .post(service.url("/api/admin/papers/import"))
                .then()
                .statusCode(200);
        String lines = IntStream.range(0, SUBSCRIBERS)
                .mapToObj(i -> "{\"email\": \"crash-reader-" + i + "@example.org\", \"keywords\": [\"durability\"], "
                        + "\"frequency\": \"daily\", \"sendHour\": 8, \"timezone\": \"UTC\"}")
                .collect(Collectors.joining("\n"));
        admin().contentType("application/x-ndjson")
                .body(lines.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post(service.url("/api/admin/subscribers/import?preconfirmed=true"))
                .then()
                .statusCode(200)
                .body("created", equalTo(SUBSCRIBERS));
    }

    private Map<String, Long> digestsPerRecipient() throws Exception {
        Map<String, Long> counts = new HashMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            counts.merge(m.getAllRecipients()[0].toString(), 1L, Long::sum);
        }
        return counts;
    }

    private static RequestSpecification admin() {
        return RestAssured.given().auth().preemptive().basic("admin", PASSWORD);
    }
}
