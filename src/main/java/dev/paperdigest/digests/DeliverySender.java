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
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    /** A claim older than this belongs to a sender that died mid-send. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);

    private record Prepared(String email, String messageId, Digest digest) {
    }

    private final DigestConfig config;
    private final DigestComposer composer;
    private final MailSending mailSending;
    private final Clock clock;
    private final Counter sent;
    private final Counter failedAttempts;

    public DeliverySender(DigestConfig config, DigestComposer composer, MailSending mailSending, Clock clock,
            MeterRegistry metrics) {
        this.config = config;
        this.composer = composer;
        this.mailSending = mailSending;
        this.clock = clock;
        this.sent = Counter.builder("paperdigest.digests.sent").description("Digests accepted by the SMTP server").register(metrics);
        this.failedAttempts = Counter.builder("paperdigest.digests.failed.attempts")
                .description("Digest sending attempts that failed (retried until max-attempts)").register(metrics);
    }

    /** Sends every delivery that is due now. */
    public void sendDue() {
        QuarkusTransaction.requiringNew().run(() -> {
            int requeued = Delivery.requeueAbandoned(clock.instant().minus(ABANDONED_AFTER));
            if (requeued > 0) {
                LOG.warnf("%d deliveries were claimed by a sender that stopped; queued again", requeued);
            }
        });
        while (true) {
            List<Long> due = QuarkusTransaction.requiringNew().call(
                    () -> Delivery.listDueIds(clock.instant(), config.delivery().batchSize()));
            if (due.isEmpty()) {
                return;
            }
            due.forEach(this::send);
        }
    }

    void send(long deliveryId) {
        Prepared prepared = QuarkusTransaction.requiringNew().call(() -> claimAndCompose(deliveryId));
        if (prepared == null) {
            return;
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
            return;
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
