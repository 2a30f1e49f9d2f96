package dev.paperdigest.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The service as people see it: where its links point and who its emails come from. Every
 * feature's own keys have a mapping of their own beside the feature ({@code digest.sources.*},
 * {@code digest.delivery.*}, …); every default is written once, here and in those mappings.
 */
@ConfigMapping(prefix = "digest")
public interface SiteConfig {

    /** Base of every link put in an email. */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** Load the bundled demo papers when the database has none. */
    @WithDefault("true")
    boolean demoData();

    Mail mail();

    interface Mail {
        /** From header of every email. */
        @WithDefault("Paper Digest <digest@localhost>")
        String from();
    }
}
