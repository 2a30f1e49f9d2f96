package dev.paperdigest.papers.ingestion;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * One WireMock server standing in for Hugging Face and arXiv, shared by the ingestion test
 * classes (same resource, same config: one application start for all of them). Both sources are
 * enabled here only, with their schedules off and small delays, so tests start runs themselves.
 */
public class IngestionWireMock implements QuarkusTestResourceLifecycleManager {

    static volatile WireMockServer server;
    static volatile Path importFolder;

    /** arXiv delay in tests: small, but large enough to measure that it is kept. */
    static final long ARXIV_DELAY_MILLIS = 100;

    static final int ARXIV_PAGE_SIZE = 3;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().asynchronousResponseEnabled(false));
        server.start();
        try {
            importFolder = Files.createTempDirectory("paper-digest-import");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String base = "http://localhost:" + server.port();
        Map<String, String> config = new HashMap<>();
        config.put("digest.sources.hf.enabled", "true");
        config.put("digest.sources.hf.base-url", base);
        config.put("digest.sources.hf.cron", "off");
        config.put("digest.sources.hf.delay", "PT0S");
        config.put("digest.sources.hf.page-size", "20");
        config.put("digest.sources.arxiv.enabled", "true");
        config.put("digest.sources.arxiv.base-url", base);
        config.put("digest.sources.arxiv.cron", "off");
        config.put("digest.sources.arxiv.delay", "PT" + ARXIV_DELAY_MILLIS / 1000.0 + "S");
        config.put("digest.sources.arxiv.page-size", String.valueOf(ARXIV_PAGE_SIZE));
        config.put("digest.sources.arxiv.categories", "cs.CL,cs.LG");
        config.put("digest.sources.timeout", "PT2S");
        config.put("digest.sources.max-attempts", "3");
        config.put("digest.sources.backoff", "PT0.05S");
        config.put("digest.sources.max-backoff", "PT3S");
        config.put("digest.limits.max-import-size", "1M");
        config.put("digest.import.path", importFolder.toString());
        config.put("digest.import.every", "off");
        // three engineers test on this machine at once: never fight over 8081
        config.put("quarkus.http.test-port", "0");
        if (!"postgresql".equals(System.getProperty("quarkus.datasource.db-kind"))) {
            // a database of its own, so other test classes' papers never show in these assertions
            config.put("quarkus.datasource.jdbc.url", "jdbc:h2:mem:paper-digest-ingestion;DB_CLOSE_DELAY=-1");
        }
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
