package dev.paperdigest.papers.sources;

import dev.paperdigest.papers.HfDailyPapersParser;
import dev.paperdigest.papers.PaperFeedParser;
import dev.paperdigest.papers.PaperRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hugging Face Daily Papers: {@code GET {base-url}/api/daily_papers?date=YYYY-MM-DD&p=N&limit=L}
 * for every day since the last successful run (that day included, so upvotes are refreshed),
 * at most {@code digest.sources.max-catch-up-days}; a weekend day is an empty list. A day that
 * fails (after the retries) is reported and the run goes on with the next day, ending FAILED so
 * the next run asks for it again; two failing days in a row end the run at once. Items are
 * listed on the day asked for. When the arXiv source is enabled, each page's papers get their
 * categories from arXiv ({@code id_list}) before they are stored, so category subscriptions see
 * them; if that look-up fails the papers are stored without categories and the next run, which
 * fetches the same day again, fills them in.
 */
@ApplicationScoped
public class HfDailyPapersSource implements PaperSource {

    private static final Logger LOG = Logger.getLogger(HfDailyPapersSource.class);
    public static final String NAME = HfDailyPapersParser.SOURCE;
    /** A day has a few dozen papers; this only stops a server that ignores {@code p}. */
    private static final int MAX_PAGES = 50;

    private final SourcesConfig config;
    private final UpstreamHttp http;
    private final HfDailyPapersParser parser;
    private final ArxivApi arxiv;
    private final Politeness gate;

    public HfDailyPapersSource(SourcesConfig config, UpstreamHttp http, HfDailyPapersParser parser, ArxivApi arxiv) {
        this.config = config;
        this.http = http;
        this.parser = parser;
        this.arxiv = arxiv;
        this.gate = new Politeness("Hugging Face", config.hf().delay());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabled() {
        return config.hf().enabled();
    }

    public Politeness gate() {
        return gate;
    }

    /** The days a run fetches, oldest first. */
    List<LocalDate> days(SourceRun run) {
        if (run.requestedDate().isPresent()) {
            return List.of(run.requestedDate().get());
        }
        LocalDate today = LocalDate.ofInstant(run.startedAt(), ZoneOffset.UTC);
        LocalDate from = run.lastSuccessStartedAt()
                .map(t -> LocalDate.ofInstant(t, ZoneOffset.UTC))
                .orElse(today.minusDays(Math.max(1, config.hf().firstRunDays()) - 1L));
        if (from.isAfter(today)) {
            from = today;
        }
        int max = Math.max(1, config.maxCatchUpDays());
        if (from.plusDays(max).isBefore(today.plusDays(1))) {
            LocalDate capped = today.minusDays(max - 1L);
            run.warn("days " + from + " to " + capped.minusDays(1) + " not fetched (digest.sources.max-catch-up-days="
                    + max + "): start a run with a date for each");
            from = capped;
        }
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(today); day = day.plusDays(1)) {
            days.add(day);
        }
        return days;
    }

    @Override
    public void fetch(SourceRun run) throws UpstreamException, InterruptedException {
        List<LocalDate> days = days(run);
        run.cursorFrom(days.get(0).atStartOfDay(ZoneOffset.UTC).toInstant());
        int pageSize = Math.max(1, config.hf().pageSize());
        int failedDaysInARow = 0;
        for (int d = 0; d < days.size(); d++) {
            LocalDate day = days.get(d);
            Set<String> seenToday = new HashSet<>();
            for (int page = 0; page < MAX_PAGES; page++) {
                run.checkCancelled();
                String label = "Hugging Face " + day + " page " + page;
                Page items;
                try {
                    items = fetchPage(run, day, page, pageSize);
                    failedDaysInARow = 0;
                } catch (UpstreamException e) {
                    // one bad day does not cost the others; two in a row: Hugging Face is down, stop
                    if (++failedDaysInARow >= 2) {
                        throw e;
                    }
                    try (SourceRun.Document document = run.document(label)) {
                        document.failed(e.getMessage());
                    }
                    break;
                }
                store(run, label, day, items);
                boolean nothingNew = !items.records.isEmpty() && !seenToday.addAll(items.ids());
                if (items.broken || items.entries < pageSize || nothingNew) {
                    break;
                }
            }
            run.progress((d + 1.0) / days.size());
        }
    }

    private static final class Page {
        final List<PaperRecord> records = new ArrayList<>();
        final List<String> rejections = new ArrayList<>();
        final List<Integer> rejected = new ArrayList<>();
        int entries;
        boolean broken;
        String problem;

        Set<String> ids() {
            Set<String> ids = new LinkedHashSet<>();
            records.forEach(r -> ids.add(r.arxivId()));
            return ids;
        }
    }

    /** One page, parsed into memory: at most {@code page-size} items, a few hundred kB. */
    private Page fetchPage(SourceRun run, LocalDate day, int page, int pageSize)
            throws UpstreamException, InterruptedException {
        String base = config.hf().baseUrl().replaceAll("/+$", "");
        URI uri = URI.create(base + "/api/daily_papers?date=" + day + "&p=" + page + "&limit=" + pageSize);
        Page items = new Page();
        try (UpstreamHttp.Body body = http.get(uri, gate, run::requestMade)) {
            parser.parse(body.stream(), new PaperFeedParser.Sink() {
                @Override
                public void accept(int index, PaperRecord record) {
                    items.entries = index + 1;
                    items.records.add(record.withListedOn(day));
                }

                @Override
                public void reject(int index, String reason) {
                    items.entries = index + 1;
                    items.rejected.add(index);
                    items.rejections.add(reason);
                }
            });
        } catch (IOException e) {
            items.broken = true;
            items.problem = e.getMessage();
        }
        return items;
    }

    private void store(SourceRun run, String label, LocalDate day, Page items) throws InterruptedException {
        List<PaperRecord> records = items.records;
        if (!records.isEmpty() && arxiv.enabled()) {
            List<String> ids = new ArrayList<>(items.ids());
            try {
                Map<String, List<String>> categories = arxiv.categories(ids, run::requestMade);
                List<PaperRecord> enriched = new ArrayList<>(records.size());
                for (PaperRecord record : records) {
                    List<String> known = categories.get(record.arxivId());
                    enriched.add(known == null ? record : record.withCategories(known));
                }
                records = enriched;
            } catch (UpstreamException e) {
                LOG.warnf("%s: categories not looked up: %s", label, e.getMessage());
                run.warn(label + ": categories not looked up (" + e.getMessage() + "); the next run fills them in");
            }
        }
        try (SourceRun.Document document = run.document(label)) {
            int r = 0;
            int rejection = 0;
            for (int index = 0; index < items.entries; index++) {
                if (rejection < items.rejected.size() && items.rejected.get(rejection) == index) {
                    document.reject(index, items.rejections.get(rejection++));
                } else if (r < records.size()) {
                    document.accept(index, records.get(r++));
                }
            }
            if (items.broken) {
                document.failed(items.problem);
            }
        }
    }
}
