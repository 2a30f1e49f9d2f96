package dev.paperdigest.digests;

import dev.paperdigest.common.DigestConfig;
import dev.paperdigest.common.JobLease;
import dev.paperdigest.common.RelaxedCommit;
import dev.paperdigest.digests.smtp.SmtpRefusedException;
import dev.paperdigest.digests.smtp.SmtpRelay;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.subscriptions.Subscriber;
import dev.paperdigest.subscriptions.SubscriberStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends the outbox, {@code digest.delivery.connections} digests at a time. Deliveries are claimed
 * (QUEUED → SENDING) a batch at a time, each claim skipping rows another sender has locked, so
 * threads and replicas share the work and never send the same digest twice. A digest the SMTP
 * server accepted is marked SENT within moments, many marks to a transaction. A failure is retried
 * with growing pauses up to {@code digest.delivery.max-attempts}, then left FAILED for an operator;
 * a delivery that cannot even be composed fails at once instead of blocking the ones after it.
 */
@ApplicationScoped
public class DeliverySender {

    private static final Logger LOG = Logger.getLogger(DeliverySender.class);
    /**
     * A claim older than this belongs to a sender that died mid-send (a live one gives up after
     * {@link SmtpRelay#longestWait()}, which raises this when it is longer).
     */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    /**
     * Sending stops after this many digests in a row got no SMTP answer: the server is down or
     * stalled, and a silent one would cost two mailer timeouts per digest. The rest keep their
     * attempts and wait for the next drain.
     */
    static final int PAUSE_AFTER_UNREACHABLE = 5;
    static final int SENT_MARKS_PER_TRANSACTION = 500;
    /** Before any delivery's next attempt. */
    static final Instant START = Instant.parse("2000-01-01T00:00:00Z");
    /** How long the first mark of a transaction waits for others; a crash in that time sends these digests again. */
    static final Duration MARKS_GATHERED_FOR = Duration.ofMillis(100);
    /** Papers kept in memory by one drain for composing; more than any drain needs in practice. */
    static final int PAPERS_KEPT = 50_000;

    /** What one drain of the outbox did. {@code paused}: it stopped because the SMTP server did not answer. */
    public record Drained(int sent, int failed, int cancelled, boolean paused) {
    }

    enum Outcome {
        SENT,
        /** Not sent: the subscriber left or was erased. */
        CANCELLED,
        /** The SMTP server answered with an error, or the digest could not be composed. */
        REFUSED,
        /** No SMTP answer: the connection failed or the server stayed silent. */
        UNREACHABLE
    }

    /** A claimed delivery with what composing it needs. */
    private record Claimed(long id, String period, String messageId, String selection, Subscriber subscriber) {
    }

    private final DigestConfig config;
    private final DigestComposer composer;
    private final SmtpRelay relay;
    private final RelaxedCommit relaxedCommit;
    private final ManagedExecutor executor;
    private final Duration abandonedAfter;
    private final Clock clock;
    private final Counter sentCounter;
    private final Counter failedAttempts;
    private final DistributionSummary digestSize;
    private final DistributionSummary htmlSize;
    private final ReentrantLock draining = new ReentrantLock();
    private volatile Drain current;

    public DeliverySender(DigestConfig config, DigestComposer composer, SmtpRelay relay, RelaxedCommit relaxedCommit,
            ManagedExecutor executor, Clock clock, MeterRegistry metrics) {
        this.config = config;
        this.composer = composer;
        this.relay = relay;
        this.relaxedCommit = relaxedCommit;
        this.executor = executor;
        this.abandonedAfter = Collections.max(List.of(ABANDONED_AFTER, relay.longestWait().plusMinutes(1)));
        this.clock = clock;
        this.sentCounter = Counter.builder("paperdigest.digests.sent").description("Digests accepted by the SMTP server")
                .register(metrics);
        this.failedAttempts = Counter.builder("paperdigest.digests.failed.attempts")
                .description("Digest sending attempts that failed (retried until max-attempts)").register(metrics);
        this.digestSize = DistributionSummary.builder("paperdigest.digests.size").baseUnit("bytes")
                .description("Bytes of a digest as sent, headers and both parts encoded")
                .publishPercentiles(0.5, 0.9, 0.99).register(metrics);
        this.htmlSize = DistributionSummary.builder("paperdigest.digests.html.size").baseUnit("characters")
                .description("Characters of a digest's HTML part (Gmail clips one past about 102 kB)")
                .publishPercentiles(0.5, 0.9, 0.99).register(metrics);
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

    private Drained drainHoldingLock(BooleanSupplier moreComing, BooleanSupplier stop) {
        QuarkusTransaction.requiringNew().run(() -> {
            int requeued = Delivery.requeueAbandoned(clock.instant().minus(abandonedAfter));
            if (requeued > 0) {
                LOG.warnf("%d deliveries were claimed by a sender that stopped; queued again", requeued);
            }
        });
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
        private final ArrayDeque<Claimed> claimed = new ArrayDeque<>();
        private final Map<Long, Paper> papers = new ConcurrentHashMap<>();
        private final PaperViews views = new PaperViews();
        private final LinkedBlockingQueue<Long> sentIds = new LinkedBlockingQueue<>();
        private final AtomicInteger unreachableInARow = new AtomicInteger();
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicInteger cancelled = new AtomicInteger();
        private volatile boolean stopping;
        private volatile boolean paused;
        /** Where the last claimed batch ended, in the order deliveries are claimed (claims are serialised). */
        private Instant cursorAt = START;
        private long cursorId;
        private volatile boolean sendersDone;

        Drain(BooleanSupplier moreComing, BooleanSupplier stop) {
            this.moreComing = moreComing;
            this.stop = stop;
        }

        Drained run() {
            List<CompletableFuture<Void>> senders = new ArrayList<>();
            for (int i = 0; i < Math.max(1, config.delivery().connections()); i++) {
                senders.add(CompletableFuture.runAsync(this::sendClaimed, executor));
            }
            CompletableFuture<Void> recorder = CompletableFuture.runAsync(this::recordSent, executor);
            try {
                CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).join();
            } finally {
                sendersDone = true;
                recorder.join();
                releaseUnsent();
            }
            return new Drained(sent.get(), failed.get(), cancelled.get(), paused);
        }

        private void sendClaimed() {
            Connection connection = new Connection();
            try {
                sendClaimed(connection);
            } finally {
                connection.close();
            }
        }

        private void sendClaimed(Connection connection) {
            for (Claimed delivery = next(); delivery != null; delivery = next()) {
                Outcome outcome = send(delivery, connection);
                if (outcome == Outcome.UNREACHABLE) {
                    if (unreachableInARow.incrementAndGet() >= PAUSE_AFTER_UNREACHABLE && !stopping) {
                        LOG.warnf("%d digests in a row got no answer from the SMTP server; the rest waits for the next run",
                                PAUSE_AFTER_UNREACHABLE);
                        paused = true;
                        stopping = true;
                    }
                } else if (outcome == Outcome.SENT) {
                    unreachableInARow.set(0);
                }
            }
        }

        /** The next claimed delivery, claiming a batch when none is left; null when there is nothing (more) to send. */
        private synchronized Claimed next() {
            while (true) {
                if (stop.getAsBoolean()) {
                    stopping = true;
                }
                if (stopping) {
                    return null;
                }
                Claimed delivery = claimed.poll();
                if (delivery != null) {
                    return delivery;
                }
                List<Claimed> batch = claimBatch();
                if (!batch.isEmpty()) {
                    claimed.addAll(batch);
                } else if (moreComing.getAsBoolean()) {
                    try {
                        wait(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return null;
                    }
                } else {
                    return null;
                }
            }
        }

        /**
         * Claims the next batch after where the last one ended; when nothing is left after it, looks
         * once more from the start (deliveries given back or retried behind the position).
         */
        private List<Claimed> claimBatch() {
            List<Claimed> batch = claimBatchAfter(cursorAt, cursorId);
            if (batch.isEmpty() && cursorId != 0) {
                cursorAt = START;
                cursorId = 0;
                batch = claimBatchAfter(START, 0);
            }
            return batch;
        }

        private List<Claimed> claimBatchAfter(Instant afterAt, long afterId) {
            Instant now = clock.instant();
            return QuarkusTransaction.requiringNew().call(() -> {
                relaxedCommit.forThisTransaction();
                List<Long> ids = Delivery.lockDue(now, config.delivery().batchSize(), afterAt, afterId);
                if (ids.isEmpty()) {
                    return List.<Claimed>of();
                }
                Delivery.claim(ids, JobLease.OWNER, now);
                List<Delivery> deliveries = Delivery.list("id in ?1", ids);
                Delivery last = deliveries.stream().filter(d -> d.id.equals(ids.get(ids.size() - 1))).findFirst().orElseThrow();
                cursorAt = last.nextAttemptAt;
                cursorId = last.id;
                Map<Long, String> selections = DeliverySelection.byDelivery(ids);
                Map<Long, Subscriber> subscribers = Subscriber.<Subscriber>list("id in ?1",
                                deliveries.stream().map(d -> d.subscriberId).collect(Collectors.toSet()))
                        .stream().collect(Collectors.toMap(s -> s.id, Function.identity()));
                List<Claimed> batch = new ArrayList<>(deliveries.size());
                Set<Long> wanted = new HashSet<>();
                for (Delivery d : deliveries) {
                    String selection = selections.get(d.id);
                    batch.add(new Claimed(d.id, d.period, d.messageId, selection, subscribers.get(d.subscriberId)));
                    try {
                        wanted.addAll(Selection.decode(selection).paperIds());
                    } catch (IllegalArgumentException unreadable) {
                        // reported when it is composed
                    }
                }
                wanted.removeAll(papers.keySet());
                if (!wanted.isEmpty()) {
                    if (papers.size() + wanted.size() > PAPERS_KEPT) {
                        papers.clear();
                    }
                    Paper.listByIds(wanted).forEach(p -> papers.put(p.id, p));
                }
                return batch;
            });
        }

        private Outcome send(Claimed delivery, Connection connection) {
            Subscriber subscriber = delivery.subscriber();
            if (subscriber == null || subscriber.status != SubscriberStatus.ACTIVE) {
                QuarkusTransaction.requiringNew().run(() -> Delivery.update(
                        "status = ?1 where id = ?2 and status = ?3", DeliveryStatus.CANCELLED, delivery.id(), DeliveryStatus.SENDING));
                cancelled.incrementAndGet();
                return Outcome.CANCELLED;
            }
            boolean eightBit;
            try {
                eightBit = connection.session().eightBitMime();
            } catch (IOException e) {
                return unsent(delivery, e);
            }
            DigestMessage message;
            try {
                Selection selection = Selection.decode(delivery.selection());
                Digest digest = composer.compose(subscriber, DigestPeriod.fromKey(delivery.period()), selection,
                        papersOf(selection), views);
                message = DigestMessage.of(digest, config.mail().from(), delivery.messageId(), eightBit, clock);
                digestSize.record(message.bytes().length);
                htmlSize.record(message.htmlChars());
            } catch (RuntimeException e) {
                LOG.errorf(e, "delivery %d cannot be composed; marked failed", delivery.id());
                QuarkusTransaction.requiringNew().run(() -> giveUp(Delivery.findById(delivery.id()),
                        "the digest could not be composed: " + message(e)));
                failed.incrementAndGet();
                return Outcome.REFUSED;
            }
            try {
                connection.session().send(message.sender(), message.recipient(), message.bytes());
            } catch (IOException e) {
                return unsent(delivery, e);
            }
            // accepted by the SMTP server: from here on a failure must not count as a failed send
            sentIds.add(delivery.id());
            sentCounter.increment();
            sent.incrementAndGet();
            return Outcome.SENT;
        }

        /** The papers a selection shows, from those loaded with the claims (loaded now if they were let go since). */
        private Map<Long, Paper> papersOf(Selection selection) {
            List<Long> missing = selection.paperIds().stream().filter(id -> !papers.containsKey(id)).toList();
            if (!missing.isEmpty()) {
                QuarkusTransaction.requiringNew().run(() -> Paper.listByIds(missing).forEach(p -> papers.put(p.id, p)));
            }
            return papers;
        }

        private Outcome unsent(Claimed delivery, IOException e) {
            LOG.warnf("delivery %d failed: %s", delivery.id(), e.getMessage());
            failedAttempts.increment();
            QuarkusTransaction.requiringNew().run(() -> retryLater(Delivery.findById(delivery.id()), e));
            failed.incrementAndGet();
            return e instanceof SmtpRefusedException ? Outcome.REFUSED : Outcome.UNREACHABLE;
        }

        /** Commits SENT marks as they come, as many to a transaction as have piled up meanwhile. */
        private void recordSent() {
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
                gatherMarks(ids);
                markSent(List.copyOf(ids));
            }
        }

        /**
         * Waits a moment for more marks to join the first, so each transaction marks many digests:
         * a transaction costs far more than a row.
         */
        private void gatherMarks(List<Long> ids) {
            long until = System.nanoTime() + MARKS_GATHERED_FOR.toNanos();
            sentIds.drainTo(ids, SENT_MARKS_PER_TRANSACTION - ids.size());
            while (ids.size() < SENT_MARKS_PER_TRANSACTION && !sendersDone && System.nanoTime() < until) {
                try {
                    Long next = sentIds.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (next != null) {
                        ids.add(next);
                        sentIds.drainTo(ids, SENT_MARKS_PER_TRANSACTION - ids.size());
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
                    if (attempt == 6) {
                        LOG.errorf(e, "%d sent digests could not be marked sent; they will be sent again", ids.size());
                        return;
                    }
                    LOG.warnf("marking %d digests sent failed (%s); trying again", ids.size(), e.getMessage());
                    sleep(Duration.ofSeconds(1L << (attempt - 1)));
                }
            }
        }

        private void releaseUnsent() {
            List<Long> unsent;
            synchronized (this) {
                unsent = claimed.stream().map(Claimed::id).toList();
                claimed.clear();
            }
            if (!unsent.isEmpty()) {
                QuarkusTransaction.requiringNew().run(() -> Delivery.release(unsent));
            }
        }
    }

    /** One sending thread's session with the SMTP server, opened when first needed and again after a failure. */
    private final class Connection {
        private SmtpRelay.Session session;

        SmtpRelay.Session session() throws IOException {
            if (session == null) {
                session = relay.open();
            }
            return session;
        }

        void close() {
            if (session != null) {
                session.close();
            }
        }
    }

    private void retryLater(Delivery delivery, Exception e) {
        delivery.attempts++;
        delivery.lastError = message(e);
        delivery.claimedBy = null;
        if (delivery.attempts >= config.delivery().maxAttempts()) {
            delivery.status = DeliveryStatus.FAILED;
        } else {
            delivery.status = DeliveryStatus.QUEUED;
            delivery.nextAttemptAt = clock.instant().plus(FIRST_RETRY.multipliedBy(1L << Math.min(10, delivery.attempts - 1)));
        }
    }

    private static void giveUp(Delivery delivery, String reason) {
        delivery.attempts++;
        delivery.lastError = reason;
        delivery.claimedBy = null;
        delivery.status = DeliveryStatus.FAILED;
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
