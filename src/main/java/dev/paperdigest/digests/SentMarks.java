package dev.paperdigest.digests;

import dev.paperdigest.common.JobLease;
import dev.paperdigest.common.RelaxedCommit;
import dev.paperdigest.common.RunLogContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records the digests the SMTP server accepted as SENT, in a thread of its own, as many marks to
 * a transaction as have piled up meanwhile: a transaction costs far more than a row.
 */
final class SentMarks {

    private static final Logger LOG = Logger.getLogger(SentMarks.class);
    static final int MARKS_PER_TRANSACTION = 500;
    /** How long the first mark of a transaction waits for others; a crash in that time sends these digests again. */
    static final Duration GATHERED_FOR = Duration.ofMillis(100);

    private static final int ATTEMPTS = 6;

    private final RelaxedCommit relaxedCommit;
    private final Clock clock;
    private final LinkedBlockingQueue<Long> sentIds = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> recorder;
    private volatile boolean sendersDone;

    SentMarks(RelaxedCommit relaxedCommit, Clock clock, Executor executor) {
        this.relaxedCommit = relaxedCommit;
        this.clock = clock;
        this.recorder = CompletableFuture.runAsync(RunLogContext.carried(this::record), executor);
    }

    void add(long deliveryId) {
        sentIds.add(deliveryId);
    }

    /** Once the senders are done: records what is left and returns when it is written. */
    void finish() {
        sendersDone = true;
        recorder.join();
    }

    private void record() {
        List<Long> ids = new ArrayList<>();
        while (!(sendersDone && sentIds.isEmpty())) {
            Long first;
            try {
                first = sentIds.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                continue;
            }
            ids.clear();
            ids.add(first);
            gather(ids);
            markSent(List.copyOf(ids));
        }
    }

    /** Waits a moment for more marks to join the first. */
    private void gather(List<Long> ids) {
        long until = System.nanoTime() + GATHERED_FOR.toNanos();
        sentIds.drainTo(ids, MARKS_PER_TRANSACTION - ids.size());
        while (ids.size() < MARKS_PER_TRANSACTION && !sendersDone && System.nanoTime() < until) {
            try {
                Long next = sentIds.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next != null) {
                    ids.add(next);
                    sentIds.drainTo(ids, MARKS_PER_TRANSACTION - ids.size());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The database may be restarting: a mark is worth a few tries, since a lost one means a second email. */
    private void markSent(List<Long> ids) {
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    relaxedCommit.forThisTransaction();
                    Delivery.markSent(ids, JobLease.OWNER, clock.instant());
                });
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    LOG.errorf(e, "%d sent digests could not be marked sent; they will be sent again", ids.size());
                    return;
                }
                LOG.warnf("marking %d digests sent failed (%s); trying again", ids.size(), e.getMessage());
                try {
                    Thread.sleep(1000L << (attempt - 1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    LOG.errorf(
                            "%d sent digests were not marked sent (interrupted); they will be sent again", ids.size());
                    return;
                }
            }
        }
    }
}
