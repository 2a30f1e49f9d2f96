package dev.paperdigest.papers.ingestion;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * The ingestion test resource, tuned for figure 3: no politeness delays, full arXiv pages, a
 * size limit that fits 10,000 entries, and on the PostgreSQL pass the machine's PostgreSQL 15
 * (127.0.0.1:5432, trust auth) in a database of its own, {@code ingestion_bench}.
 */
public class IngestionBenchmarkResource extends IngestionWireMock {

    static final String PG_SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    static final String PG_DATABASE = "ingestion_bench";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        config.put("digest.sources.arxiv.delay", "PT0S");
        config.put("digest.sources.arxiv.page-size", "2000");
        config.put("digest.sources.hf.page-size", "100");
        config.put("digest.limits.max-import-size", "200M");
        config.put("quarkus.log.category.\"dev.paperdigest\".level", "WARN");
        if ("postgresql".equals(System.getProperty("quarkus.datasource.db-kind"))) {
            String server = System.getProperty("bench.pg.server", PG_SERVER);
            createDatabase(server);
            config.put("quarkus.datasource.jdbc.url", server + PG_DATABASE);
            config.put("quarkus.datasource.username", System.getProperty("bench.pg.user", "postgres"));
            config.put("quarkus.datasource.password", System.getProperty("bench.pg.password", ""));
        }
        return config;
    }

    private static void createDatabase(String server) {
        try (Connection c = DriverManager.getConnection(
                server + "test",
                System.getProperty("bench.pg.user", "postgres"),
                System.getProperty("bench.pg.password", ""))) {
            boolean exists = c.createStatement()
                    .executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + PG_DATABASE + "'")
                    .next();
            if (!exists) {
                c.createStatement().execute("CREATE DATABASE " + PG_DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + server + " not usable for the benchmark", e);
        }
    }
}
