package dev.paperdigest.subscriptions;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** {@code digest.tokens.*}: the signed links in emails. */
@ConfigMapping(prefix = "digest.tokens")
public interface TokensConfig {

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

    /**
     * How long a feed link works. A feed reader keeps the address it was given, so this is long;
     * every digest and the manage page carry a fresh one.
     */
    @WithDefault("P365D")
    Duration feedValidity();

    /** How long the "more like this" and "fewer like this" links of a digest work. */
    @WithDefault("P90D")
    Duration feedbackValidity();
}
