package dev.paperdigest.digests;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.DayOfWeek;
import java.time.Duration;

/** {@code digest.delivery.*}: when digests go out, and how the outbox is sent. */
@ConfigMapping(prefix = "digest.delivery")
public interface DeliveryConfig {

    /** When a digest run looks for subscribers whose hour has come; "off" to run by hand only. */
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

    /** How often a digest run logs its progress (done of the total, and the pace since the last line). */
    @WithDefault("10s")
    Duration progressLogEvery();

    /** How often each process looks for due deliveries to send (retries, other replicas' runs); "off" to never. */
    @WithDefault("10s")
    String poll();

    /** Attempts at sending one digest before it is left FAILED for an operator. */
    @WithDefault("5")
    int maxAttempts();

    /**
     * Hard bounces (an SMTP server refusing the address for good, or a provider reporting it) after
     * which a subscriber is BOUNCED and gets nothing more until an operator reactivates them.
     */
    @WithDefault("2")
    int maxHardBounces();

    /** Papers shown in one digest; the rest are counted ("and 12 more"). */
    @WithDefault("25")
    int maxPapers();

    /**
     * Day of the week on which weekly digests go out; a weekly digest covers the week that
     * starts that day. Pages and emails name it ("every Thursday").
     */
    @WithDefault("MONDAY")
    DayOfWeek weeklyDay();
}
