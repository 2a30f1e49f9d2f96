package dev.paperdigest.digests;

import dev.paperdigest.common.Database;
import dev.paperdigest.common.PatientTransactions;
import dev.paperdigest.common.RelaxedCommit;
import dev.paperdigest.common.RunLogContext;
import dev.paperdigest.digests.DeliveryAttempt.Connection;
import dev.paperdigest.digests.DeliveryAttempt.Outcome;
import dev.paperdigest.digests.OutboxClaims.Claimed;
import dev.paperdigest.digests.smtp.SmtpRelay;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Sends the outbox, {@code digest.delivery.connections} digests at a time. Deliveries are claimed
 * (QUEUED → SENDING) a batch at a time, each claim skipping rows another sender has locked, so
 * threads and replicas share the work and never send the same digest twice. A digest the SMTP
 * server accepted is marked SENT within moments, many marks to a transaction. A failure is retried
 * with growing pauses up to {@code digest.delivery.max-attempts}, then left FAILED for an operator;
 * a delivery that cannot even be composed, or whose recipient the server refused for good (a hard
 * bounce), fails at once instead of blocking the ones after it.
 */
@ApplicationScoped
public class DeliverySender {

    private static final Logger LOG = Logger.getLogger(DeliverySender.class);
    /**
     * A claim older than this belongs to a sender that died mid-send (a live one gives up after
     * {@link SmtpRelay#longestWait()}, which raises this when it is longer).
     */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);

    /**
     * Sending stops after this many digests in a row got no SMTP answer: the server is down or
     * stalled, and a silent one would cost two mailer timeouts per digest. The rest keep their
     * attempts and wait for the next drain.
     */
    static final int PAUSE_AFTER_UNREACHABLE = 5;

    /** What one drain of the outbox did. {@code paused}: it stopped because the SMTP server did not answer. */
    public record Drained(int sent, int failed, int cancelled, boolean paused) {}

    private final DeliveryConfig config;
    private final DeliveryAttempt attempt;
    private final SmtpRelay relay;
    private final Database database;
    private final RelaxedCommit relaxedCommit;
    private final DataSource dataSource;
    private final ManagedExecutor executor;
    private final Duration abandonedAfter;
    private final Clock clock;
    private final ReentrantLock draining = new ReentrantLock();
    private volatile Drain current;

    public DeliverySender(
            DeliveryConfig config,
            DeliveryAttempt attempt,
            SmtpRelay relay,
            Database database,
            RelaxedCommit relaxedCommit,
            DataSource dataSource,
            ManagedExecutor executor,
            Clock clock) {
        this.config = config;
        this.attempt = attempt;
        this.relay = relay;
        this.database = database;
        this.relaxedCommit = relaxedCommit;
        this.dataSource = dataSource;
        this.executor = executor;
        this.abandonedAfter =
                Collections.max(List.of(ABANDONED_AFTER, relay.longestWait().plusMinutes(1)));
        this.clock = clock;
    }

    /**
     * Sends every due delivery, waiting first for a drain already running in this process. While
     * {@code moreComing} says so, an empty outbox is waited on instead of ending the drain (a run
     * sends while it is still queueing); once {@code stop} says so, no further digest is started.
     */
    public Drained drain(BooleanSupplier moreComing, BooleanSupplier stop) {
        draining.lock();
        try {
            return drainHoldingLock(moreComing, stop);
        } finally {
            draining.unlock();
        }
    }

    /** How many digests the drain under way has sent so far (0 when none is under way). */
    public int sentSoFar() {
        Drain drain = current;
        return drain == null ? 0 : drain.sent.get();
    }

    /** Sends what is due unless this process is already sending. */
    public Optional<Drained> drainIfIdle() {
        if (!draining.tryLock()) {
            return Optional.empty();
        }
        try {
            return Optional.of(drainHoldingLock(() -> false, () -> false));
        } finally {
            draining.unlock();
        }
    }

    /** On shutdown the digests being sent finish, the rest of what this process claimed goes back to the queue. */
    void onShutdown(@Observes ShutdownEvent event) {
        Drain drain = current;
        if (drain != null) {
            drain.stopping = true;
            try {
                if (draining.tryLock(relay.longestWait().toMillis(), TimeUnit.MILLISECONDS)) {
                    draining.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Queues again what a sender that stopped had claimed and not sent: its process died, or it held them too long. */
    void requeueAbandoned() {
        Instant now = clock.instant();
        int requeued = PatientTransactions.call(
                "queueing abandoned deliveries again", () -> Delivery.requeueAbandoned(now.minus(abandonedAfter), now));
        if (requeued > 0) {
            LOG.warnf("%d deliveries were claimed by a sender that stopped; queued again", requeued);
        }
    }

    private Drained drainHoldingLock(BooleanSupplier moreComing, BooleanSupplier stop) {
        requeueAbandoned();
        Drain drain = new Drain(moreComing, stop);
        current = drain;
        try {
            return drain.run();
        } finally {
            current = null;
        }
    }

    /** One pass over the outbox by a few sending threads and one that records what was sent. */
    private final class Drain {
        private final BooleanSupplier moreComing;
        private final BooleanSupplier stop;
        private final OutboxClaims claims;
        private final ArrayDeque<Claimed> claimed = new ArrayDeque<>();
        private final PaperViews views = new PaperViews();
        private final DigestFrames frames = new DigestFrames();
        private final AtomicInteger unreachableInARow = new AtomicInteger();
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicInteger cancelled = new AtomicInteger();
        private volatile boolean stopping;
        private volatile boolean paused;
        private SentMarks sentMarks;
        /** The next batch being claimed in the background while the senders work through this one. */
        private CompletableFuture<Void> prefetch = CompletableFuture.completedFuture(null);

        private boolean claiming;
        /** The last claim found nothing: claim again only once the senders run out. */
        private boolean dry;

        private RuntimeException claimFailure;

        Drain(BooleanSupplier moreComing, BooleanSupplier stop) {
            this.moreComing = moreComing;
            this.stop = stop;
            this.claims = new OutboxClaims(config.batchSize(), database, relaxedCommit, dataSource, clock);
        }

        Drained run() {
            sentMarks = new SentMarks(relaxedCommit, dataSource, clock, executor);
            List<CompletableFuture<Void>> senders = new ArrayList<>();
            for (int i = 0; i < Math.max(1, config.connections()); i++) {
                senders.add(CompletableFuture.runAsync(RunLogContext.carried(this::sendClaimed), executor));
            }
            try {
                CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new))
                        .join();
            } finally {
                CompletableFuture<Void> lastClaim;
                synchronized (this) {
                    lastClaim = prefetch;
                }
                lastClaim.join(); // its batch is given back below with the rest unsent
                sentMarks.finish();
                releaseUnsent();
            }
            return new Drained(sent.get(), failed.get(), cancelled.get(), paused);
        }

        private void sendClaimed() {
            try (Connection connection = new Connection(relay)) {
                for (Claimed delivery = next(); delivery != null; delivery = next()) {
                    noteOutcome(attempt.send(delivery, connection, views, frames, claims::papersOf, sentMarks::add));
                }
            }
        }

        private void noteOutcome(Outcome outcome) {
            switch (outcome) {
                case SENT -> sent.incrementAndGet();
                case CANCELLED -> cancelled.incrementAndGet();
                case REFUSED, UNREACHABLE -> failed.incrementAndGet();
            }
            if (outcome == Outcome.UNREACHABLE) {
                if (unreachableInARow.incrementAndGet() >= PAUSE_AFTER_UNREACHABLE && !stopping) {
                    LOG.warnf(
                            "%d digests in a row got no answer from the SMTP server; the rest waits for the next run",
                            PAUSE_AFTER_UNREACHABLE);
                    paused = true;
                    stopping = true;
                }
            } else if (outcome == Outcome.SENT) {
                unreachableInARow.set(0);
            }
        }

        /**
         * The next claimed delivery; null when there is nothing (more) to send. The next batch is
         * claimed in the background once half of this one is taken, so that senders do not wait
         * for the database between batches.
         */
        private synchronized Claimed next() {
            while (true) {
                if (stop.getAsBoolean()) {
                    stopping = true;
                }
                if (claimFailure != null) {
                    throw claimFailure;
                }
                if (stopping) {
                    return null;
                }
                Claimed delivery = claimed.poll();
                if (delivery != null) {
                    if (!claiming && !dry && claimed.size() < config.batchSize() / 2) {
                        claimInBackground();
                    }
                    return delivery;
                }
                if (claiming) {
                    awaitClaims();
                    continue;
                }
                List<Claimed> batch = claims.nextBatch();
                dry = batch.isEmpty();
                if (!dry) {
                    claimed.addAll(batch);
                } else if (moreComing.getAsBoolean()) {
                    awaitClaims();
                } else {
                    return null;
                }
            }
        }

        private void claimInBackground() {
            claiming = true;
            prefetch = CompletableFuture.runAsync(
                    RunLogContext.carried(() -> {
                        List<Claimed> batch = List.of();
                        RuntimeException failure = null;
                        try {
                            batch = claims.nextBatch();
                        } catch (RuntimeException e) {
                            failure = e;
                        }
                        synchronized (this) {
                            claimed.addAll(batch);
                            dry = batch.isEmpty();
                            claimFailure = failure;
                            claiming = false;
                            notifyAll();
                        }
                    }),
                    executor);
        }

        /** Waits for a background claim to end, or a moment for a run still queueing. */
        private void awaitClaims() {
            try {
                wait(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }

        private void releaseUnsent() {
            List<Long> unsent;
            synchronized (this) {
                unsent = claimed.stream().map(Claimed::id).toList();
                claimed.clear();
            }
            OutboxClaims.release(unsent);
        }
    }
}
