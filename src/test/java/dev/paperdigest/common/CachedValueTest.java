package dev.paperdigest.common;

import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

@NoDatabase
class CachedValueTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void aValueIsReadAgainOnlyOnceItIsOlderThanItsAge() {
        CachedValue<Integer> value = new CachedValue<>(reads::incrementAndGet, Duration.ofSeconds(5), nanos::get);

        assertEquals(1, value.get());
        nanos.addAndGet(Duration.ofSeconds(4).toNanos());
        assertEquals(1, value.get());
        assertEquals(1, reads.get());

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(2, value.get());
        assertEquals(2, reads.get());
    }

    @Test
    void anInvalidatedValueIsReadAgainAtOnce() {
        CachedValue<Integer> value = new CachedValue<>(reads::incrementAndGet, Duration.ofSeconds(5), nanos::get);

        assertEquals(1, value.get());
        value.invalidate();
        assertEquals(2, value.get());
        assertEquals(2, value.get());
    }

    @Test
    void aFailedReadIsKeptAsLongAsAValue() {
        IllegalStateException down = new IllegalStateException("database down");
        CachedValue<Integer> value = new CachedValue<>(
                () -> {
                    if (reads.incrementAndGet() == 1) {
                        throw down;
                    }
                    return 42;
                },
                Duration.ofSeconds(5),
                nanos::get);

        assertSame(down, assertThrows(IllegalStateException.class, value::get));
        assertSame(down, assertThrows(IllegalStateException.class, value::get));
        assertEquals(1, reads.get());

        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertEquals(42, value.get());
    }

    @Test
    void noAgeMeansEveryGetReads() {
        CachedValue<Integer> value = new CachedValue<>(reads::incrementAndGet, Duration.ZERO, nanos::get);
        value.get();
        value.get();
        assertEquals(2, reads.get());
    }
}
