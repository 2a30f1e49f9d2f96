package dev.paperdigest.papers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperdigest.common.Dates;
import dev.paperdigest.common.ImportReport;
import dev.paperdigest.common.SiteConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * On the first start (no papers at all) loads the papers of the pages Paper Digest was conceived
 * from, so the home page shows something at once. Papers the pages gave no arXiv id for get a
 * {@code demo-} id and no arXiv links; rows without a title are left out. Each belongs to the day
 * of its page's date, or to the day it was loaded when the page gave none (or no year).
 */
@ApplicationScoped
public class DemoPapers {

    private static final Logger LOG = Logger.getLogger(DemoPapers.class);
    static final String RESOURCE = "/demo/seed-papers.json";
    private final SiteConfig config;
    private final PaperStore store;
    private final ObjectMapper mapper;
    private final DataSource dataSource;
    private final ManagedExecutor executor;

    public DemoPapers(
            SiteConfig config, PaperStore store, ObjectMapper mapper, DataSource dataSource, ManagedExecutor executor) {
        this.config = config;
        this.store = store;
        this.mapper = mapper;
        this.dataSource = dataSource;
        this.executor = executor;
    }

    /**
     * On the path to ready only a look for any paper, in plain JDBC; loading them happens in the
     * background, the home page shows them a moment later.
     */
    void onStart(@Observes StartupEvent event) throws SQLException {
        if (config.demoData() && noPapers()) {
            executor.runAsync(this::load);
        }
    }

    private boolean noPapers() throws SQLException {
        try (Connection db = dataSource.getConnection();
                Statement sql = db.createStatement();
                ResultSet any = sql.executeQuery("SELECT 1 FROM paper FETCH FIRST 1 ROWS ONLY")) {
            return !any.next();
        }
    }

    private void load() {
        try {
            ImportReport report = store.upsert(read());
            LOG.infof("empty database: loaded %d demo papers", report.created);
        } catch (RuntimeException e) {
            // another replica loading them at the same moment is fine
            LOG.warnf("demo papers not loaded: %s", e.getMessage());
        }
    }

    List<PaperRecord> read() {
        List<PaperRecord> records = new ArrayList<>();
        try (InputStream in = DemoPapers.class.getResourceAsStream(RESOURCE)) {
            for (JsonNode seed : mapper.readTree(in)) {
                String title = PaperText.clean(seed.path("title").asText(null));
                if (title == null || title.isEmpty()) {
                    continue;
                }
                List<String> authors = new ArrayList<>();
                seed.path("authors").forEach(a -> authors.add(PaperText.clean(a.asText())));
                String category = seed.path("category").asText(null);
                Instant published = published(seed.path("published").asText(null));
                records.add(new PaperRecord(
                        seed.hasNonNull("arxivId") ? seed.get("arxivId").asText() : demoId(title),
                        null,
                        title,
                        PaperText.clean(seed.path("abstract").asText(null)),
                        authors,
                        category == null ? List.of() : List.of("cs." + category),
                        published,
                        null,
                        seed.hasNonNull("upvotes") ? seed.get("upvotes").asInt() : null,
                        null,
                        Paper.DEMO_SOURCE,
                        published == null ? null : LocalDate.ofInstant(published, ZoneOffset.UTC),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("bundled demo papers unreadable", e);
        }
        return records;
    }

    private static Instant published(String pageDate) {
        if (pageDate == null) {
            return null;
        }
        try {
            return LocalDate.parse(pageDate, Dates.DAY)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
        } catch (DateTimeParseException e) {
            return null; // "Jan 21" without a year: unknown
        }
    }

    private static String demoId(String title) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(title.getBytes(StandardCharsets.UTF_8));
            return "demo-" + HexFormat.of().formatHex(hash, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
