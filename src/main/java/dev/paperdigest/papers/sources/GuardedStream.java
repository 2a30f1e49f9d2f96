package dev.paperdigest.papers.sources;

import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * An upstream response body that counts bytes against the size limit and closes itself when no
 * byte arrives for the timeout, so a stalled body fails the document instead of hanging the run.
 * The watch is a Vert.x timer, set again for the time that is left while data keeps coming.
 */
final class GuardedStream extends FilterInputStream {

    private static final Logger LOG = Logger.getLogger(GuardedStream.class);

    private final long maxBytes;
    private final long timeoutNanos;
    private final Vertx vertx;
    private final URI uri;
    private long count;
    /** When the read now waiting for data began; 0 while none is (slow parsing or storing is not a stall). */
    private volatile long readingSince;

    private volatile boolean stalled;
    private volatile boolean closed;
    private volatile long timer = -1;

    GuardedStream(InputStream in, long maxBytes, Duration timeout, Vertx vertx, URI uri) {
        super(in);
        this.maxBytes = maxBytes;
        this.timeoutNanos = timeout.toNanos();
        this.vertx = vertx;
        this.uri = uri;
        watch(timeoutNanos);
    }

    private void watch(long nanos) {
        try {
            timer = vertx.setTimer(Math.max(1, (nanos + 999_999) / 1_000_000), id -> check());
        } catch (RuntimeException shuttingDown) {
            // no timer while shutting down: the run is being stopped anyway
        }
    }

    private void check() {
        if (closed) {
            return;
        }
        long since = readingSince;
        long idle = since == 0 ? 0 : System.nanoTime() - since;
        if (idle >= timeoutNanos) {
            stalled = true;
            LOG.infof("no data from %s for %d s: giving up on it", uri, TimeUnit.NANOSECONDS.toSeconds(idle));
            try {
                in.close();
            } catch (IOException ignored) {
                // closing is all that is wanted
            }
        } else {
            watch(timeoutNanos - idle);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        readingSince = System.nanoTime();
        try {
            n = super.read(b, off, len);
        } catch (IOException e) {
            throw stalled ? new IOException("the body stalled (no data for the timeout)", e) : e;
        } finally {
            readingSince = 0;
        }
        if (n > 0) {
            count += n;
            if (count > maxBytes) {
                throw new IOException(
                        "the response is larger than digest.limits.max-import-size (" + maxBytes + " bytes)");
            }
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        try {
            vertx.cancelTimer(timer);
        } catch (RuntimeException shuttingDown) {
            // the timer goes with Vert.x
        }
        super.close();
    }
}
