package dev.paperdigest.digests;

import dev.paperdigest.common.DigestConfig;
import dev.paperdigest.common.ListUnsubscribe;
import dev.paperdigest.common.MailSending;
import dev.paperdigest.matching.PaperMatch;
import dev.paperdigest.subscriptions.Subscriber;
import dev.paperdigest.subscriptions.SubscriberStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * Sends the outbox. Each delivery is claimed (QUEUED → SENDING) in its own transaction before
 * the SMTP conversation, so two senders (threads or replicas) never send the same one, and is
 * marked SENT right after the server accepted it. A failure is retried with growing pauses up
 * to {@code digest.delivery.max-attempts}, then left FAILED for an operator.
 */
@ApplicationScoped
public class DeliverySender {

    private static final Logger LOG = Logger.getLogger(DeliverySender.class);
    /**
     * A claim older than this belongs to a sender that died mid-send (a live one gives up after
     * {@link MailSending#longestWait()}, which raises this when it is longer).
     */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    /**
     * Sending stops for this run after this many digests in a row got no SMTP answer: the server
     * is down or stalled, and a silent one would cost two mailer timeouts per digest. The rest
     * keep their attempts and wait for the next run.
     */
    static final int PAUSE_AFTER_UNREACHABLE = 5;

    private record Prepared(String email, String messageId, Digest digest) {
    }

    private final DigestConfig config;
    private final DigestComposer composer;
    private final MailSending mailSending;
    private final Duration abandonedAfter;
    private final Clock clock;
    private final Counter sent;
    private final Counter failedAttempts;

    public DeliverySender(DigestConfig config, DigestComposer composer, MailSending mailSending, Clock clock,
            MeterRegistry metrics) {
        this.config = config;
        this.composer = composer;
        this.mailSending = mailSending;
        this.abandonedAfter = Collections.max(List.of(ABANDONED_AFTER, mailSending.longestWait().plusMinutes(1)));
        this.clock = clock;
        this.sent = Counter.builder("paperdigest.digests.sent").description("Digests accepted by the SMTP server").register(metrics);
        this.failedAttempts = Counter.builder("paperdigest.digests.failed.attempts")
                .description("Digest sending attempts that failed (retried until max-attempts)").register(metrics);
    }

    /** Sends every delivery that is due now, calling {@code afterEachBatch} between batches. */
    public void sendDue(Runnable afterEachBatch) {
        QuarkusTransaction.requiringNew().run(() -> {
            int requeued = Delivery.requeueAbandoned(clock.instant().minus(abandonedAfter));
            if (requeued > 0) {
                LOG.warnf("%d deliveries were claimed by a sender that stopped; queued again", requeued);
            }
        });
        int unreachableInARow = 0;
        while (true) {
            List<Long> due = QuarkusTransaction.requiringNew().call(
                    () -> Delivery.listDueIds(clock.instant(), config.delivery().batchSize()));
            if (due.isEmpty()) {
                return;
            }
            for (long deliveryId : due) {
                unreachableInARow = send(deliveryId) == Outcome.UNREACHABLE ? unreachableInARow + 1 : 0;
                if (unreachableInARow == PAUSE_AFTER_UNREACHABLE) {
                    LOG.warnf("%d digests in a row got no answer from the SMTP server; the rest waits for the next run",
                            unreachableInARow);
                    return;
                }
            }
            afterEachBatch.run();
        }
    }

    enum Outcome {
        SENT,
        /** Not sent: claimed by another sender, or the subscriber left. */
        SKIPPED,
        /** The SMTP server answered with an error. */
        REFUSED,
        /** No SMTP answer: the connection failed or the server stayed silent. */
        UNREACHABLE
    }

    Outcome send(long deliveryId) {
        Prepared prepared = QuarkusTransaction.requiringNew().call(() -> claimAndCompose(deliveryId));
        if (prepared == null) {
            return Outcome.SKIPPED;
        }
        try {
            mailSending.send(DigestMails.digest(prepared.digest())
                    .mail(ListUnsubscribe.headers(new Mail(), prepared.digest().unsubscribeUrl())
                            .addHeader("Message-ID", prepared.messageId()))
                    .to(prepared.email())
                    .subject(prepared.digest().subject()));
        } catch (RuntimeException e) {
            LOG.warnf("delivery %d failed: %s", deliveryId, e.getMessage());
            failedAttempts.increment();
            QuarkusTransaction.requiringNew().run(() -> failed(Delivery.findById(deliveryId), e));
            return serverAnswered(e) ? Outcome.REFUSED : Outcome.UNREACHABLE;
        }
        // accepted by the SMTP server: from here on a failure must not count as a failed send
        QuarkusTransaction.requiringNew().run(() -> {
            Delivery delivery = Delivery.findById(deliveryId);
            delivery.attempts++;
            delivery.status = DeliveryStatus.SENT;
            delivery.sentAt = clock.instant();
            delivery.lastError = null;
        });
        sent.increment();
        return Outcome.SENT;
    }

    private static boolean serverAnswered(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SMTPException) {
                return true;
            }
        }
        return false;
    }

    private Prepared claimAndCompose(long deliveryId) {
        if (!Delivery.claim(deliveryId, clock.instant())) {
            return null;
        }
        Delivery delivery = Delivery.findById(deliveryId);
        Subscriber subscriber = Subscriber.findById(delivery.subscriberId);
        if (subscriber == null || subscriber.status != SubscriberStatus.ACTIVE) {
            delivery.status = DeliveryStatus.CANCELLED;
            return null;
        }
        List<PaperMatch> matches = PaperMatch.listOfDelivery(deliveryId);
        Digest digest = composer.compose(subscriber, DigestPeriod.fromKey(delivery.period), matches);
        return new Prepared(subscriber.email, delivery.messageId, digest);
    }

    private void failed(Delivery delivery, RuntimeException e) {
        delivery.attempts++;
        delivery.lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (delivery.attempts >= config.delivery().maxAttempts()) {
            delivery.status = DeliveryStatus.FAILED;
        } else {
            delivery.status = DeliveryStatus.QUEUED;
            delivery.nextAttemptAt = clock.instant().plus(FIRST_RETRY.multipliedBy(1L << Math.min(10, delivery.attempts - 1)));
        }
    }
}
