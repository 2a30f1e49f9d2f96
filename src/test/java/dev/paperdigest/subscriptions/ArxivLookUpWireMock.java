package dev.paperdigest.subscriptions;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** A WireMock server standing in for arXiv, for looking up liked papers; the arXiv runs stay off. */
public class ArxivLookUpWireMock implements QuarkusTestResourceLifecycleManager {

    static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().asynchronousResponseEnabled(false));
        server.start();
        Map<String, String> config = new HashMap<>();
        config.put("digest.sources.arxiv.enabled", "true");
        config.put("digest.sources.arxiv.base-url", "http://localhost:" + server.port());
        config.put("digest.sources.arxiv.cron", "off");
        config.put("digest.sources.arxiv.delay", "PT0S");
        config.put("digest.sources.timeout", "PT2S");
        config.put("digest.sources.max-attempts", "1");
        config.put("quarkus.http.test-port", "0");
        if (!"postgresql".equals(System.getProperty("quarkus.datasource.db-kind"))) {
            config.put("quarkus.datasource.jdbc.url", "jdbc:h2:mem:paper-digest-liked;DB_CLOSE_DELAY=-1");
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
