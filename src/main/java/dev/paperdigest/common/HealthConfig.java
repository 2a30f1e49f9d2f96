package dev.paperdigest.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * {@code digest.health.*}: when the wellness checks at {@code /q/health/well} turn DOWN, how often
 * the SMTP server is probed, and how long the database counts behind the checks and the gauges at
 * {@code /q/metrics} are reused.
 */
@ConfigMapping(prefix = "digest.health")
public interface HealthConfig {

    /** The newest successful ingestion run (of any source, file imports included) may be this old. */
    @WithDefault("36h")
    Duration ingestionMaxAge();

    /** A queued digest may have been due this long without being sent. */
    @WithDefault("1h")
    Duration outboxMaxAge();

    /**
     * The SMTP server is probed (a session opened as for sending, then closed) at most this often
     * by each process; the answer serves the health checks in between.
     */
    @WithDefault("60s")
    Duration smtpProbeEvery();

    /** How long a probe waits for the SMTP server at each step before the check turns DOWN. */
    @WithDefault("5s")
    Duration smtpProbeTimeout();

    /** A count read from the database serves the scrapes and probes of this long before it is read again. */
    @WithDefault("5s")
    Duration cacheFor();
}
