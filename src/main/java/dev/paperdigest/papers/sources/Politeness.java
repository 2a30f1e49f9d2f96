package dev.paperdigest.papers.sources;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One request at a time to one upstream, at least {@code delay} after the previous one finished,
 * whichever run (or category lookup) makes it. Holds within one process; replicas are kept apart
 * by the per-source job lease, and the only cross-source sharing (Hugging Face runs looking up
 * categories on arXiv) stays in the process that runs it.
 */
public final class Politeness {

    private final String upstream;
    private final ReentrantLock lock = new ReentrantLock(true);
    private volatile Duration delay;
    private long lastFinishedNanos = System.nanoTime() - Duration.ofDays(1).toNanos();

    public Politeness(String upstream, Duration delay) {
        this.upstream = upstream;
        this.delay = delay;
    }

    public String upstream() {
        return upstream;
    }

    public Duration delay() {
        return delay;
    }

    /** For benchmarks and tests only. */
    public void setDelay(Duration delay) {
        this.delay = delay;
    }

    /** Waits for the turn of this caller; {@link #release()} must follow, in a finally. */
    public void acquire() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long waitNanos = lastFinishedNanos + delay.toNanos() - System.nanoTime();
            if (waitNanos > 0) {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            }
        } catch (InterruptedException e) {
            lock.unlock();
            throw e;
        }
    }

    public void release() {
        if (lock.isHeldByCurrentThread()) {
            lastFinishedNanos = System.nanoTime();
            lock.unlock();
        }
    }
}
