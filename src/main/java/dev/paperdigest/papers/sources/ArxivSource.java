package dev.paperdigest.papers.sources;

import dev.paperdigest.papers.ArxivAtomParser;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/**
 * arXiv: the configured categories, newest submissions first, page after page of
 * {@code digest.sources.arxiv.page-size}, until the entries are older than the last successful run
 * (minus {@code digest.sources.arxiv.overlap}, since arXiv announces papers days after their
 * submission time). A run for a given day asks for that day's submissions
 * ({@code submittedDate:[YYYYMMDD0000 TO YYYYMMDD2359]}) instead.
 */
@ApplicationScoped
public class ArxivSource implements PaperSource {

    private static final Logger LOG = Logger.getLogger(ArxivSource.class);
    public static final String NAME = "arxiv";
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    /** Times an empty page is asked again while totalResults says there is more (arXiv has such hiccups). */
    private static final int EMPTY_PAGE_RETRIES = 2;

    private final SourcesConfig config;
    private final ArxivApi api;

    public ArxivSource(SourcesConfig config, ArxivApi api) {
        this.config = config;
        this.api = api;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabled() {
        return config.arxiv().enabled();
    }

    String searchQuery(LocalDate day) {
        String categories = config.arxiv().categories().stream()
                .map(c -> "cat:" + c.strip())
                .collect(Collectors.joining(" OR "));
        if (day == null) {
            return categories;
        }
        return "(" + categories + ") AND submittedDate:[" + DAY.format(day) + "0000 TO " + DAY.format(day) + "2359]";
    }

    @Override
    public void fetch(SourceRun run) throws UpstreamException, InterruptedException {
        SourcesConfig.Arxiv arxiv = config.arxiv();
        LocalDate day = run.requestedDate().orElse(null);
        Instant cutoff = day != null
                ? null
                : run.lastSuccessStartedAt()
                        .map(t -> t.minus(arxiv.overlap()))
                        .orElse(run.startedAt().minus(arxiv.firstRunWindow()));
        if (cutoff != null) {
            run.cursorFrom(cutoff);
        }
        String query = searchQuery(day);
        int pageSize = Math.max(1, Math.min(2000, arxiv.pageSize()));
        int start = 0;
        int emptyRetries = 0;
        while (true) {
            run.checkCancelled();
            URI uri = api.listing(query, start, pageSize);
            ArxivAtomParser.Feed feed = new ArxivAtomParser.Feed();
            boolean broken = false;
            try (SourceRun.Document document = run.document("arXiv page start=" + start)) {
                try {
                    api.fetch(uri, document, feed, run::requestMade);
                } catch (IOException e) {
                    document.failed(e.getMessage());
                    broken = true;
                }
            }
            if (feed.entries == 0) {
                if (!broken && feed.totalResults > start && emptyRetries < EMPTY_PAGE_RETRIES) {
                    emptyRetries++;
                    LOG.infof("arXiv sent an empty page at start=%d of %d: asking again", start, feed.totalResults);
                    continue;
                }
                if (!broken && feed.totalResults > start) {
                    run.warn("arXiv kept sending empty pages at start=" + start + " of " + feed.totalResults);
                }
                return;
            }
            emptyRetries = 0;
            start += broken ? Math.max(feed.entries, pageSize) : feed.entries;
            run.progress(progress(run, cutoff, feed, start));
            if (cutoff != null && feed.oldestPublished != null && feed.oldestPublished.isBefore(cutoff)) {
                return; // everything further down is older than what the last run saw
            }
            if (feed.totalResults >= 0 && start >= feed.totalResults) {
                return;
            }
            if (start >= arxiv.maxEntries()) {
                run.warn("stopped after " + start + " entries (digest.sources.arxiv.max-entries)");
                return;
            }
        }
    }

    private static double progress(SourceRun run, Instant cutoff, ArxivAtomParser.Feed feed, int done) {
        if (cutoff == null || feed.oldestPublished == null) {
            return feed.totalResults > 0 ? Math.min(1.0, (double) done / feed.totalResults) : 0;
        }
        long window = Duration.between(cutoff, run.startedAt()).toSeconds();
        long covered = Duration.between(feed.oldestPublished, run.startedAt()).toSeconds();
        return window <= 0 ? 0.99 : Math.max(0, Math.min(0.99, (double) covered / window));
    }
}
