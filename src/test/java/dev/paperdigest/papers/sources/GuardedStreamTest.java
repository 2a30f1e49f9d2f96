package dev.paperdigest.papers.sources;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuardedStreamTest {

    private static final URI PAGE = URI.create("http://upstream.invalid/page");
    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** Sends nothing until closed, as a stalled connection does. */
    private static final class Silent extends InputStream {
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public int read() throws IOException {
            try {
                closed.await();
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            }
            throw new IOException("closed");
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    /** One byte every {@code gap}, one a read, {@code count} bytes in all. */
    private static final class Slow extends InputStream {
        private final Duration gap;
        private int left;

        Slow(Duration gap, int count) {
            this.gap = gap;
            this.left = count;
        }

        @Override
        public int read() throws IOException {
            if (left-- <= 0) {
                return -1;
            }
            try {
                Thread.sleep(gap.toMillis());
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            }
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int next = read();
            if (next < 0) {
                return -1;
            }
            b[off] = (byte) next;
            return 1;
        }
    }

    @Test
    void aBodyThatSendsNothingForTheTimeoutIsClosed() {
        long start = System.nanoTime();
        try (GuardedStream stream = new GuardedStream(new Silent(), 1000, Duration.ofMillis(200), vertx, PAGE)) {
            IOException e = assertThrows(IOException.class, stream::read);
            assertTrue(e.getMessage().contains("stalled"), e.getMessage());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(millis >= 190 && millis < 5000, "closed after " + millis + " ms");
    }

    @Test
    void aSlowBodyThatKeepsComingIsLeftAlone() throws IOException {
        try (GuardedStream stream =
                new GuardedStream(new Slow(Duration.ofMillis(60), 10), 1000, Duration.ofMillis(200), vertx, PAGE)) {
            assertEquals(10, stream.readAllBytes().length);
        }
    }

    @Test
    void aBodyOverTheLimitIsRefused() throws IOException {
        try (GuardedStream stream =
                new GuardedStream(new ByteArrayInputStream(new byte[101]), 100, Duration.ofSeconds(5), vertx, PAGE)) {
            IOException e = assertThrows(IOException.class, stream::readAllBytes);
            assertTrue(
                    e.getMessage().contains("larger than digest.limits.max-import-size (100 bytes)"), e.getMessage());
        }
    }
}
