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
        }
    }

    interface Delivery {
        @WithDefault("0 */15 * * * ?")
        String cron();

        @WithDefault("200")
        int batchSize();

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

        /** Largest import body accepted by the admin API. */
        @WithDefault("50M")
        io.quarkus.runtime.configuration.MemorySize maxImportSize();
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
