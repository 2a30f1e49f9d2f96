package dev.paperdigest.common;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A value read again only once it is older than a given age: gauges and health checks count rows
 * in the database, and every scrape and probe asks. A failed read is kept as long, so a database
 * that is down is not asked again by each gauge of a scrape.
 */
public final class CachedValue<T> {

    private final Supplier<T> read;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private T value;
    private RuntimeException failure;
    private long readAt;
    private boolean fresh;

    public CachedValue(Supplier<T> read, Duration maxAge) {
        this(read, maxAge, System::nanoTime);
    }

    CachedValue(Supplier<T> read, Duration maxAge, LongSupplier nanoTime) {
        this.read = read;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The next {@link #get} reads again: what it reads is known to have changed. */
    public synchronized void invalidate() {
        fresh = false;
    }

    public synchronized T get() {
        long now = nanoTime.getAsLong();
        if (!fresh || now - readAt >= maxAgeNanos) {
            readAt = now;
            fresh = true;
            try {
                value = read.get();
                failure = null;
            } catch (RuntimeException e) {
                value = null;
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return value;
    }
}
