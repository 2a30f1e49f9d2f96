package dev.paperdigest.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The {@code digest.*} keys of the contract, typed. */
@ConfigMapping(prefix = "digest")
public interface DigestConfig {

    /** Base of every link put in an email. */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** Load the bundled demo papers when the database has none. */
    @WithDefault("true")
    boolean demoData();

    Mail mail();

    Sources sources();

    Delivery delivery();

    Limits limits();

    Tokens tokens();

    Retention retention();

    /** What the daily clean-up deletes, and when. */
    interface Retention {
        /** Sent and failed deliveries, and ended digest runs, older than this go; it also bounds the dates a run may be asked for. */
        @WithDefault("P90D")
        Duration keep();

        /** Sign-ups never confirmed are deleted this long after the last confirmation email (keep it above tokens.confirm-validity). */
        @WithDefault("P8D")
        Duration unconfirmed();

        @WithDefault("0 40 3 * * ?")
        String cron();
    }

    interface Mail {
        @WithDefault("Paper Digest <digest@localhost>")
        String from();
    }

    interface Sources {
        Hf hf();

        Arxiv arxiv();

        interface Hf {
            @WithDefault("true")
            boolean enabled();

            @WithDefault("https://huggingface.co")
            String baseUrl();

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

    /** Files dropped into a folder are imported (see docs in application.properties). */
    @io.smallrye.config.WithName("import")
    FileImport fileImport();

    interface FileImport {
        /** Folder watched for .json (Hugging Face), .xml/.atom (arXiv) and .jsonl/.ndjson files. */
        Optional<java.nio.file.Path> path();

        /** How often the folder is looked at (it is also looked at on start). */
        @WithDefault("60s")
        String every();
    }

    interface Delivery {
        @WithDefault("0 */15 * * * ?")
        String cron();

        /** Deliveries claimed at a time by one sending process. */
        @WithDefault("200")
        int batchSize();

        /**
         * Digests sent at the same time by one process, each over an SMTP connection of its own
         * (to the {@code quarkus.mailer.*} server). A distant relay needs more than a near one.
         */
        @WithDefault("8")
        int connections();

        /** Subscribers per shard of a digest run: the unit processes claim to queue side by side. */
        @WithDefault("10000")
        int shardSize();

        /** How often each process looks for due deliveries to send (retries, other replicas' runs); "off" to never. */
        @WithDefault("10s")
        String poll();

        @WithDefault("5")
        int maxAttempts();

        /** Papers shown in one digest; the rest are counted ("and 12 more"). */
        @WithDefault("25")
        int maxPapers();

        /** Day of the week on which weekly digests go out. */
        @WithDefault("MONDAY")
        java.time.DayOfWeek weeklyDay();
    }

    interface Limits {
        @WithDefault("20")
        int subscribePerIpPerHour();

        @WithDefault("3")
        int confirmationsPerAddressPerDay();

        /** Largest paper import accepted by the admin API (or file in the import folder). */
        @WithDefault("50M")
        io.quarkus.runtime.configuration.MemorySize maxImportSize();

        /** Largest body of any other request: the sign-up and manage forms, admin calls. */
        @WithDefault("128K")
        io.quarkus.runtime.configuration.MemorySize maxFormSize();

        /** Largest subscriber import accepted by the admin API: about 200 bytes a subscriber. */
        @WithDefault("1G")
        io.quarkus.runtime.configuration.MemorySize maxSubscriberImportSize();
    }

    interface Tokens {
        /**
         * Key that signs links in emails. Unset: one is generated on first start and kept in the
         * database, so every replica and every restart agrees on it.
         */
        Optional<String> secret();

        @WithDefault("P7D")
        Duration confirmValidity();

        @WithDefault("P90D")
        Duration manageValidity();

        @WithDefault("P365D")
        Duration unsubscribeValidity();
    }
}
