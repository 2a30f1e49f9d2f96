package dev.paperdigest.admin.console;

import dev.paperdigest.support.BenchPostgres;
import dev.paperdigest.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * The console benchmark's database, kept between runs so that it is seeded once: an H2 file under
 * {@code target/benchmark}, or on the PostgreSQL pass the database {@code console_bench} of the
 * machine's server ({@link BenchPostgres}).
 */
public class ConsoleBenchmarkResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.flyway.clean-at-start", "false");
        config.put("quarkus.log.category.\"dev.paperdigest\".level", "WARN");
        if (TestDatabase.isPostgres()) {
            config.putAll(BenchPostgres.datasource("console_bench"));
        } else {
            config.put(
                    "quarkus.datasource.jdbc.url", "jdbc:h2:file:./target/benchmark/console-h2;DB_CLOSE_ON_EXIT=FALSE");
        }
        return config;
    }

    @Override
    public void stop() {}

    /** Started after the suite's test database, so that these settings win. */
    @Override
    public int order() {
        return 1;
    }
}
