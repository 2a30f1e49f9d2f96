package dev.paperdigest.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * When a long run's next progress line is due, and the rate it reports: how much was done per
 * second since the previous line (or since the start), so a line shows the pace of the moment,
 * not an average that hides a run slowing down. Not thread-safe: one reporting thread.
 */
public final class ProgressRate {

    private final Duration every;
    private final Clock clock;
    private Instant lastAt;
    private long lastDone;

    /** Counting from now, with nothing done yet. */
    public ProgressRate(Duration every, Clock clock) {
        this.every = every;
        this.clock = clock;
        this.lastAt = clock.instant();
    }

    /** With {@code done} done so far: the rate per second when a line is due, empty otherwise. */
    public OptionalDouble due(long done) {
        Instant now = clock.instant();
        if (now.isBefore(lastAt.plus(every))) {
            return OptionalDouble.empty();
        }
        double seconds = Math.max(1, Duration.between(lastAt, now).toMillis()) / 1000.0;
        double rate = Math.max(0, done - lastDone) / seconds;
        lastAt = now;
        lastDone = done;
        return OptionalDouble.of(rate);
    }
}
