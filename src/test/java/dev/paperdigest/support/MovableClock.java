package dev.paperdigest.support;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock, for tests that need days to pass: the real time, moved ahead by what the
 * test asks. A test profile switches it on ({@code getEnabledAlternatives}); the test moves it
 * back when done.
 */
@Alternative
@Singleton
public class MovableClock extends Clock {

    private static volatile Duration ahead = Duration.ZERO;

    public static void moveAhead(Duration by) {
        ahead = by;
    }

    public static void reset() {
        ahead = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service's clock is UTC");
    }
}
