package dev.paperdigest.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * {@code digest.health.*}: when the wellness checks at {@code /q/health/well} turn DOWN, and how
 * long the database counts behind them and the gauges at {@code /q/metrics} are reused.
 */
@ConfigMapping(prefix = "digest.health")
public interface HealthConfig {

    /** The newest successful ingestion run (of any source, file imports included) may be this old. */
    @WithDefault("36h")
    Duration ingestionMaxAge();

    /** A queued digest may have been due this long without being sent. */
    @WithDefault("1h")
    Duration outboxMaxAge();

    /** A count read from the database serves the scrapes and probes of this long before it is read again. */
    @WithDefault("5s")
    Duration cacheFor();
}
