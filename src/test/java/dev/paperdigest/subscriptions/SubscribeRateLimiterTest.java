package dev.paperdigest.subscriptions;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sign-up limit is counted in the database, so every replica counts against the same one. */
@QuarkusTest
class SubscribeRateLimiterTest {

    @Inject
    SubscribeRateLimiter limiter;

    private static final AtomicInteger TESTS = new AtomicInteger();

    /** A day of its own for each test, so other tests' sign-ups never count here. */
    private final Instant now = Instant.parse("2031-01-01T10:05:00Z").plus(Duration.ofDays(TESTS.getAndIncrement()));

    @Test
    void allowsTheLimitPerAddressAndHourThenRefuses() {
        assertTrue(limiter.allow("203.0.113.7", 3, now));
        assertTrue(limiter.allow("203.0.113.7", 3, now));
        assertTrue(limiter.allow("203.0.113.7", 3, now));
        assertFalse(limiter.allow("203.0.113.7", 3, now), "the fourth post in the hour is refused");
        assertTrue(limiter.allow("198.51.100.1", 3, now), "another address has its own count");
        assertTrue(limiter.allow("203.0.113.7", 3, now.plus(Duration.ofHours(1))), "a new hour starts a new count");
    }

    @Test
    void postsAtTheSameMomentAreEachCounted() throws Exception {
        ExecutorService posters = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> posts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                posts.add(posters.submit(() -> limiter.allow("203.0.113.99", 1000, now)));
            }
            for (Future<Boolean> post : posts) {
                assertTrue(post.get(30, TimeUnit.SECONDS));
            }
        } finally {
            posters.shutdownNow();
        }
        assertTrue(limiter.allow("203.0.113.99", 41, now), "40 counted before, this is the 41st");
        assertFalse(limiter.allow("203.0.113.99", 41, now), "and this the 42nd");
    }

    @Test
    void anIpv6NetworkCountsAsOneClient() {
        assertTrue(limiter.allow("2001:db8:1:2::1", 2, now));
        assertTrue(limiter.allow("2001:db8:1:2:ffff::9", 2, now));
        assertFalse(limiter.allow("2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd", 2, now), "same /64");
        assertTrue(limiter.allow("2001:db8:1:3::1", 2, now), "the next /64 is someone else");
    }

    @Test
    void pastHoursArePruned() {
        assertTrue(limiter.allow("192.0.2.44", 2, now));
        limiter.prune(now.plus(Duration.ofHours(1)));
        assertTrue(limiter.allow("192.0.2.44", 2, now), "the last hour is kept");
        assertFalse(limiter.allow("192.0.2.44", 2, now));
        assertTrue(limiter.prune(now.plus(Duration.ofHours(2))) >= 1);
        assertTrue(limiter.allow("192.0.2.44", 1, now), "its count starts again");
    }

    @Test
    void addressesAreCountedByNetwork() {
        assertEquals("20010db800010002::/64", SubscribeRateLimiter.network("2001:db8:1:2::1"));
        assertEquals("203.0.113.7", SubscribeRateLimiter.network("203.0.113.7"));
        assertEquals("unix-socket", SubscribeRateLimiter.network("unix-socket"));
    }
}
