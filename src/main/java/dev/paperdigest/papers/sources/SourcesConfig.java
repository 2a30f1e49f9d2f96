package dev.paperdigest.papers.sources;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** {@code digest.sources.*}: where papers come from, when, and how politely. */
@ConfigMapping(prefix = "digest.sources")
public interface SourcesConfig {

    Hf hf();

    Arxiv arxiv();

    interface Hf {
        /** Off: no scheduled runs and no runs by hand. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("https://huggingface.co")
        String baseUrl();

        /** When a run starts by itself; "off" for runs by hand only. */
        @WithDefault("0 30 6 * * ?")
        String cron();

        /** Pause between two requests to Hugging Face (it allows about 500 a 5 minutes). */
        @WithDefault("PT0.5S")
        Duration delay();

        /** Items asked for per request ({@code limit}); pages are fetched with {@code p}. */
        @WithDefault("100")
        int pageSize();

        /** Days fetched by the very first run (today and the days before). */
        @WithDefault("2")
        int firstRunDays();
    }

    interface Arxiv {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("https://export.arxiv.org")
        String baseUrl();

        @WithDefault("cs.CL,cs.LG,cs.AI,cs.CV")
        List<String> categories();

        /** When a run starts by itself; "off" for runs by hand only. */
        @WithDefault("0 0 5 * * ?")
        String cron();

        /** Pause between two requests: arXiv asks for at least 3 s, one connection at a time. */
        @WithDefault("PT3S")
        Duration delay();

        /** {@code max_results} per listing page; arXiv serves at most 2,000. */
        @WithDefault("2000")
        int pageSize();

        /** Ids per {@code id_list} request when looking up Hugging Face papers' categories. */
        @WithDefault("100")
        int idBatchSize();

        /**
         * How far before the last successful run a run looks: arXiv lists papers by submission
         * time but announces them up to about 3.5 days later (weekends), so the window overlaps.
         */
        @WithDefault("P4D")
        Duration overlap();

        /** How far back the very first run looks. */
        @WithDefault("P2D")
        Duration firstRunWindow();

        /** Upper bound on the entries of one run, whatever the window says. */
        @WithDefault("30000")
        int maxEntries();
    }

    /** Time allowed for an upstream response to start, and for its body to make progress. */
    @WithDefault("PT60S")
    Duration timeout();

    /** Attempts per request on 429, 5xx and timeouts (the first one included). */
    @WithDefault("5")
    int maxAttempts();

    /** First wait after a failed attempt, doubled each time; Retry-After wins when sent. */
    @WithDefault("PT10S")
    Duration backoff();

    /** Longest single wait; a Retry-After longer than this fails the run (the next one catches up). */
    @WithDefault("PT5M")
    Duration maxBackoff();

    /** Most days a Hugging Face run catches up; older missed days need a run with a date. */
    @WithDefault("14")
    int maxCatchUpDays();
}
