package dev.paperdigest.processes;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * A real SMTP server (GreenMail) that does something to the service while it takes in the n-th
 * digest, before it answers: kills a process with SIGKILL (that digest, and any other in flight,
 * was received but never acknowledged, as when a process dies mid-send), asks it to stop with
 * SIGTERM, or anything else, such as restarting the database.
 */
final class KillingSmtpServer implements AutoCloseable {

    private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private final AtomicInteger digests = new AtomicInteger();
    private volatile int actAt;
    private volatile Action action;

    interface Action {
        void run() throws InterruptedException;
    }

    KillingSmtpServer() {
        smtp.start();
        UserManager users = smtp.getUserManager();
        MessageDeliveryHandler deliver = users.getMessageDeliveryHandler();
        users.setMessageDeliveryHandler((message, address) -> {
            if (isDigest(message.getMessage()) && digests.incrementAndGet() == actAt) {
                try {
                    action.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return deliver.handle(message, address);
        });
    }

    /** From now on, the {@code n}-th digest received does {@code what}, before it is answered. */
    void atDigest(int n, Action what) {
        action = what;
        actAt = digests.get() + n;
    }

    int port() {
        return smtp.getSmtp().getPort();
    }

    GreenMail greenMail() {
        return smtp;
    }

    /** From now on, the {@code n}-th digest received kills {@code process} (SIGKILL). */
    void killAtDigest(int n, ServiceProcess process) {
        atDigest(n, process::killNow);
    }

    /** From now on, the {@code n}-th digest received asks {@code process} to stop (SIGTERM). */
    void terminateAtDigest(int n, ServiceProcess process) {
        // not waited for here: the process waits for this digest's answer
        atDigest(n, process::terminate);
    }

    /** The digests received, by recipient. */
    Map<String, List<MimeMessage>> digestsByRecipient() throws MessagingException {
        Map<String, List<MimeMessage>> byRecipient = new HashMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (isDigest(m)) {
                byRecipient
                        .computeIfAbsent(m.getAllRecipients()[0].toString(), r -> new ArrayList<>())
                        .add(m);
            }
        }
        return byRecipient;
    }

    /**
     * Every one of {@code recipients} got a digest; the digests sent twice, those in flight when a
     * process was killed, are at most {@code inFlight}, each a copy of the first (same Message-ID).
     * Returns how many were sent twice.
     */
    long assertOneEachAndOnlyWhatWasInFlightTwice(List<String> recipients, int inFlight) throws MessagingException {
        Map<String, List<MimeMessage>> byRecipient = digestsByRecipient();
        long twice = 0;
        for (String recipient : recipients) {
            List<MimeMessage> digests = byRecipient.getOrDefault(recipient, List.of());
            assertThat(recipient + "'s digests", digests.size(), allOf(greaterThanOrEqualTo(1), lessThanOrEqualTo(2)));
            if (digests.size() == 2) {
                twice++;
                assertThat(digests.get(1).getMessageID(), equalTo(digests.get(0).getMessageID()));
            }
        }
        assertThat("digests sent twice: those in flight at the kill", twice, lessThanOrEqualTo((long) inFlight));
        return twice;
    }

    private static boolean isDigest(MimeMessage message) throws MessagingException {
        String subject = message.getSubject();
        return subject != null && subject.contains(" new paper");
    }

    @Override
    public void close() {
        smtp.stop();
    }
}
