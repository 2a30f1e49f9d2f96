package dev.paperdigest.papers.ingestion;

import dev.paperdigest.support.BenchPostgres;

import java.util.Map;

/**
 * The ingestion test resource, tuned for figure 3: no politeness delays, full arXiv pages, a
 * size limit that fits 10,000 entries, and on the PostgreSQL pass the machine's PostgreSQL 15
 * ({@link BenchPostgres}) in a database of its own, {@code ingestion_bench}.
 */
public class IngestionBenchmarkResource extends IngestionWireMock {

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
            config.putAll(BenchPostgres.datasource(PG_DATABASE));
        }
        return config;
    }
}
