package dev.paperdigest.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code digest.retention.*}: what the daily clean-up deletes, and when. */
@ConfigMapping(prefix = "digest.retention")
public interface RetentionConfig {

    /** Sent and failed deliveries, and ended digest runs, older than this go; it also bounds the dates a run may be asked for. */
    @WithDefault("P90D")
    Duration keep();

    /** Sign-ups never confirmed are deleted this long after the last confirmation email (keep it above tokens.confirm-validity). */
    @WithDefault("P8D")
    Duration unconfirmed();

    /** When the clean-up runs; "off" never. */
    @WithDefault("0 40 3 * * ?")
    String cron();
}
