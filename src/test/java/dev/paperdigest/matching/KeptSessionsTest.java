package dev.paperdigest.matching;

import dev.paperdigest.support.NoDatabase;
import dev.paperdigest.support.SteppedClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

@NoDatabase
class KeptSessionsTest {

    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final AtomicInteger loads = new AtomicInteger();
    private final KeptSessions<String> sessions = new KeptSessions<>(new LuceneMatcher(), clock, 2);

    private MatchSession get(String key) {
        return sessions.get(key, Duration.ofMinutes(10), () -> {
            loads.incrementAndGet();
            return List.of(new MatchablePaper(1, "A paper about " + key, "", List.of(), List.of()));
        });
    }

    @Test
    void aSessionIsIndexedOnceUntilItsLifeEnds() {
        MatchSession first = get("a");
        assertSame(first, get("a"));
        assertEquals(1, loads.get());

        clock.advance(Duration.ofMinutes(11));
        assertNotSame(first, get("a"));
        assertEquals(2, loads.get());
    }

    @Test
    void theLeastRecentlyUsedSessionGoesFirst() {
        MatchSession a = get("a");
        get("b");
        assertSame(a, get("a"));
        get("c"); // b was used least recently
        assertSame(a, get("a"));
        assertEquals(3, loads.get());
        get("b");
        assertEquals(4, loads.get());
    }
}
