package dev.paperdigest.digests;

import dev.paperdigest.common.PatientTransactions;
import dev.paperdigest.common.SiteConfig;
import dev.paperdigest.digests.OutboxClaims.Claimed;
import dev.paperdigest.digests.smtp.DkimSigner;
import dev.paperdigest.digests.smtp.SmtpRefusedException;
import dev.paperdigest.digests.smtp.SmtpRelay;
import dev.paperdigest.digests.smtp.SmtpUnreachableException;
import dev.paperdigest.papers.Paper;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * One claimed delivery, composed and handed to the SMTP server, and what became of it recorded:
 * cancelled (the subscriber left or is bounced), failed at once (it cannot be composed, or the
 * server refused the recipient's address for good: a hard bounce, counted in {@link Bounces}),
 * queued again for a later attempt (the server refused it otherwise or did not answer), or
 * accepted. A digest that found no SMTP server to connect to waits for it, however long.
 */
@ApplicationScoped
public class DeliveryAttempt {

    private static final Logger LOG = Logger.getLogger(DeliveryAttempt.class);
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    /**
     * While no connection to the SMTP server can be made, a digest is tried again at least this
     * often: an outage of any length makes no digest FAILED, and after it they go out soon.
     */
    static final Duration LONGEST_WAIT_FOR_SERVER = Duration.ofMinutes(15);

    enum Outcome {
        SENT,
        /** Not sent: the subscriber left, bounced or was erased. */
        CANCELLED,
        /** The SMTP server answered with an error (a hard bounce among them), or the digest could not be composed. */
        REFUSED,
        /** No SMTP answer: the connection failed or the server stayed silent. */
        UNREACHABLE
    }

    /**
     * One sending thread's session with the SMTP server, opened when first needed and again after
     * a failure, and the SENT mark of the last digest it handed over, still being written.
     */
    static final class Connection implements AutoCloseable {
        private final SmtpRelay relay;
        private SmtpRelay.Session session;
        private CompletableFuture<Void> lastMark = CompletableFuture.completedFuture(null);

        Connection(SmtpRelay relay) {
            this.relay = relay;
        }

        SmtpRelay.Session session() throws IOException {
            if (session == null) {
                session = relay.open();
            }
            return session;
        }

        /** Until the last digest is marked sent, no other is handed over: a crash sends at most that one again. */
        void awaitLastMark() {
            lastMark.join();
        }

        @Override
        public void close() {
            if (session != null) {
                session.close();
            }
        }
    }

    private final DeliveryConfig config;
    private final String from;
    private final DigestComposer composer;
    private final DeliveryMetrics metrics;
    private final Bounces bounces;
    private final SendingMetrics sending;
    private final DkimSigner dkim;
    private final Clock clock;

    public DeliveryAttempt(
            DeliveryConfig config,
            SiteConfig site,
            DigestComposer composer,
            DeliveryMetrics metrics,
            Bounces bounces,
            SendingMetrics sending,
            DkimSigner dkim,
            Clock clock) {
        this.config = config;
        this.from = site.mail().from();
        this.composer = composer;
        this.metrics = metrics;
        this.bounces = bounces;
        this.sending = sending;
        this.dkim = dkim;
        this.clock = clock;
    }

    /**
     * Sends one claimed delivery over {@code connection}; {@code accepted} hears of it once the
     * server took it, and answers when its SENT mark is written (apart, many to a transaction).
     */
    Outcome send(
            Claimed delivery,
            Connection connection,
            PaperViews views,
            DigestFrames frames,
            Function<Selection, Map<Long, Paper>> papers,
            LongFunction<CompletableFuture<Void>> accepted) {
        if (!delivery.subscriberActive()) {
            PatientTransactions.run(
                    "cancelling a digest for someone who left",
                    () -> Delivery.update(
                            "status = ?1 where id = ?2 and status = ?3",
                            DeliveryStatus.CANCELLED,
                            delivery.id(),
                            DeliveryStatus.SENDING));
            return Outcome.CANCELLED;
        }
        DigestMessage message;
        try {
            message = compose(delivery, connection.session().eightBitMime(), views, frames, papers);
        } catch (IOException e) {
            return unsent(delivery, e);
        } catch (RuntimeException e) {
            LOG.errorf(e, "delivery %d cannot be composed; marked failed", delivery.id());
            PatientTransactions.run(
                    "failing a digest that cannot be composed",
                    () -> Delivery.<Delivery>findById(delivery.id())
                            .giveUp("the digest could not be composed: " + message(e)));
            sending.gaveUp();
            return Outcome.REFUSED;
        }
        connection.awaitLastMark();
        long handOver = System.nanoTime();
        try {
            connection.session().send(message.sender(), message.recipient(), message.bytes());
        } catch (IOException e) {
            sending.handedOver(System.nanoTime() - handOver, false);
            return unsent(delivery, e);
        }
        sending.handedOver(System.nanoTime() - handOver, true);
        // accepted by the SMTP server: from here on a failure must not count as a failed send
        connection.lastMark = accepted.apply(delivery.id());
        metrics.sent();
        return Outcome.SENT;
    }

    private DigestMessage compose(
            Claimed delivery,
            boolean eightBit,
            PaperViews views,
            DigestFrames frames,
            Function<Selection, Map<Long, Paper>> papers) {
        Selection selection = Selection.decode(delivery.selection());
        Digest digest = composer.compose(
                delivery.to(),
                DigestPeriod.fromKey(delivery.period(), config.weeklyDay()),
                selection,
                papers.apply(selection),
                views);
        DigestMessage message = DigestMessage.of(digest, frames, from, delivery.messageId(), eightBit, dkim, clock);
        metrics.composed(message);
        return message;
    }

    private Outcome unsent(Claimed delivery, IOException e) {
        if (e instanceof SmtpRefusedException refused && refused.rejectsRecipient()) {
            return bounced(delivery, refused);
        }
        LOG.warnf("delivery %d failed: %s", delivery.id(), e.getMessage());
        metrics.attemptFailed();
        sending.smtpError(e);
        boolean gaveUp = PatientTransactions.call("recording a failed send", () -> {
            Delivery failed = Delivery.findById(delivery.id());
            if (e instanceof SmtpUnreachableException) {
                failed.waitForServer(
                        message(e), config.maxAttempts(), FIRST_RETRY, LONGEST_WAIT_FOR_SERVER, clock.instant());
            } else {
                failed.retryLater(message(e), config.maxAttempts(), FIRST_RETRY, clock.instant());
            }
            return failed.status == DeliveryStatus.FAILED;
        });
        if (gaveUp) {
            sending.gaveUp();
        }
        return e instanceof SmtpRefusedException ? Outcome.REFUSED : Outcome.UNREACHABLE;
    }

    /** A hard bounce: no retry can mend it, so the delivery fails at once, and it counts against the subscriber. */
    private Outcome bounced(Claimed delivery, SmtpRefusedException refused) {
        LOG.infof("delivery %d bounced: %s", delivery.id(), refused.getMessage());
        PatientTransactions.run("recording a bounce", () -> {
            Delivery.<Delivery>findById(delivery.id()).giveUp(refused.getMessage());
            bounces.refused(delivery.subscriberId(), refused.getMessage());
        });
        sending.gaveUp();
        return Outcome.REFUSED;
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
