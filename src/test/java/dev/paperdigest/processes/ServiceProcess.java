package dev.paperdigest.processes;

import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** The packaged service ({@code target/quarkus-app}) started as a separate process. */
final class ServiceProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    /** Where each process's output stays after the tests, for reading when one failed. */
    static final Path LOGS = Path.of("target", "process-logs");

    final int port;
    final Path log;
    private final Process process;

    ServiceProcess(String name, int port, Map<String, String> environment) throws IOException {
        this.port = port;
        Files.createDirectories(LOGS);
        this.log = LOGS.resolve(name + "-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-jar",
                        JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        process = builder.start();
        STARTED.add(this);
    }

    /** Every process the tests started, for {@link LogsOnFailure}. */
    static final List<ServiceProcess> STARTED = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * What every test process runs with: SMTP to the test's server, an admin password, no demo data,
     * no upstream sources, no scheduled run, and the outbox polled every second.
     */
    static Map<String, String> environment(int smtpPort, String adminPassword) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_MAILER_MOCK", "false");
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", Integer.toString(smtpPort));
        env.put("DIGEST_ADMIN_PASSWORD", adminPassword);
        env.put("DIGEST_DEMO_DATA", "false");
        env.put("DIGEST_SOURCES_HF_ENABLED", "false");
        env.put("DIGEST_SOURCES_ARXIV_ENABLED", "false");
        env.put("DIGEST_DELIVERY_CRON", "off");
        env.put("DIGEST_DELIVERY_POLL", "1s");
        return env;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try {
            await("service on port " + port + " ready")
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> isReady(http));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(
                    "service not ready after " + timeout + "; log:\n" + Files.readString(log), e);
        }
    }

    private boolean isReady(HttpClient http) throws IOException, InterruptedException {
        if (!process.isAlive()) {
            throw new IllegalStateException("service exited; log:\n" + Files.readString(log));
        }
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create(url("/q/health/ready")))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException notYet) {
            return false; // still starting
        }
    }

    volatile boolean killed;

    /** {@code kill -9}: no shutdown hook runs, nothing is flushed or given back. */
    void killNow() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        killed = true;
    }

    /** {@code kill -TERM}: the service shuts down as it would when a container is stopped. */
    void terminate() {
        process.destroy();
    }

    /** The exit code of the process, which has ended. */
    int exitCode() {
        return process.exitValue();
    }

    /** Waits for the process to end; false if it is still running after {@code timeout}. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** The last {@code lines} lines the process printed. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
