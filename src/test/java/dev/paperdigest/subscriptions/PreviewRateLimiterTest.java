package dev.paperdigest.subscriptions;

import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@NoDatabase
class PreviewRateLimiterTest {

    private final PreviewRateLimiter limiter = new PreviewRateLimiter(null, Clock.systemUTC());
    private static final long MINUTE = 60_000L;
    private final long start = 1_000 * MINUTE + 5_000;

    @Test
    void aNetworkGetsItsPreviewsAMinuteThenWaitsForTheNext() {
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.allow("203.0.113.7", 3, start + i));
        }
        assertFalse(limiter.allow("203.0.113.7", 3, start + 10));
        assertTrue(limiter.allow("203.0.113.8", 3, start + 20), "another address has its own count");
        assertTrue(limiter.allow("203.0.113.7", 3, start + MINUTE), "the next minute starts afresh");
    }

    @Test
    void anIpv6ClientCountsByItsSlash64() {
        assertTrue(limiter.allow("2001:db8:1:2::1", 2, start));
        assertTrue(limiter.allow("2001:db8:1:2::ffff", 2, start));
        assertFalse(limiter.allow("2001:db8:1:2:aaaa::3", 2, start));
        assertTrue(limiter.allow("2001:db8:1:3::1", 2, start));
    }

    @Test
    void aFloodOfNetworksCannotGrowTheCountsWithoutEnd() {
        for (int i = 0; i < PreviewRateLimiter.MAX_CLIENTS; i++) {
            assertTrue(limiter.allow("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255), 5, start));
        }
        assertFalse(limiter.allow("198.51.100.1", 5, start), "a new network waits for the next minute");
        assertTrue(limiter.allow("10.0.0.0", 5, start), "one already counted goes on");
        assertTrue(limiter.allow("198.51.100.1", 5, start + MINUTE));
    }
}
