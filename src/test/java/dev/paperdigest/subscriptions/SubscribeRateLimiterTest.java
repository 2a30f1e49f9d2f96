package dev.paperdigest.subscriptions;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubscribeRateLimiterTest {

    @Test
    void allowsTheLimitPerAddressAndHourThenRefuses() {
        Instant[] now = {Instant.parse("2026-11-28T10:05:00Z")};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        SubscribeRateLimiter limiter = new SubscribeRateLimiter(() -> 3, clock);

        assertTrue(limiter.allow("203.0.113.7"));
        assertTrue(limiter.allow("203.0.113.7"));
        assertTrue(limiter.allow("203.0.113.7"));
        assertFalse(limiter.allow("203.0.113.7"), "the fourth post in the hour is refused");
        assertTrue(limiter.allow("198.51.100.1"), "another address has its own count");

        now[0] = now[0].plus(Duration.ofMinutes(60));
        assertTrue(limiter.allow("203.0.113.7"), "a new hour starts a new count");
    }
}
