package dev.paperdigest.processes;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged service (H2, as .ci/run builds it) pointed at a database server that is not there
 * stops within seconds with exit code 1 and one line at ERROR that says what it could not reach
 * and what to check, without the password and without a stack trace.
 */
@ExtendWith(LogsOnFailure.class)
@Tag("crash")
class UnreachableDatabaseTest {

    @Test
    void aDatabaseThatCannotBeReachedStopsTheStartAtOnceWithOneClearLine() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort(); // free once closed: nothing listens there
        }
        String url = "jdbc:h2:tcp://127.0.0.1:" + closed + "/nowhere";
        Map<String, String> env = ServiceProcess.environment(closed, "unreachable-admin");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", url);
        env.put("QUARKUS_DATASOURCE_PASSWORD", "db-secret-4711");

        String log;
        long started = System.nanoTime();
        try (ServiceProcess service = new ServiceProcess("unreachable-db", freePort(), env)) {
            // seconds on an idle machine; the bound leaves room for a loaded one, not for a retry loop
            assertTrue(service.awaitExit(Duration.ofSeconds(30)), "still running after 30 s");
            log = Files.readString(service.log);
            assertThat(log, service.exitCode(), equalTo(1));
        }
        System.out.printf(
                "exited after %d ms%n",
                Duration.ofNanos(System.nanoTime() - started).toMillis());

        List<String> errors =
                log.lines().filter(line -> line.contains(" ERROR ")).toList();
        assertThat(log, errors, hasSize(1));
        assertThat(
                errors.get(0),
                containsString("Cannot connect to the database at " + url + ": Connection refused."
                        + " Check QUARKUS_DATASOURCE_JDBC_URL, QUARKUS_DATASOURCE_USERNAME and"
                        + " QUARKUS_DATASOURCE_PASSWORD"));
        assertThat(log, not(containsString("db-secret-4711")));
        assertThat("no stack trace", log, not(containsString("\tat ")));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
