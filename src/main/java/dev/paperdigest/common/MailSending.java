package dev.paperdigest.common;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Sends one email and waits for the SMTP server to accept it, but never forever: each try is
 * given {@code quarkus.mailer.timeout}.
 *
 * <p>A try that gets no answer at all is made once more. The Vert.x mail client (4.5) loses a
 * send now and then when its connection pool empties at that very moment (the last pooled
 * connection closing after its keep-alive or a server's idle timeout): the send never starts and
 * never completes. An SMTP error is an answer and is not retried here.
 */
@ApplicationScoped
public class MailSending {

    private static final Logger LOG = Logger.getLogger(MailSending.class);

    /** The server did not answer either try within the timeout. */
    public static class NoAnswerException extends RuntimeException {
        NoAnswerException(Duration timeout) {
            super("the SMTP server did not answer within " + timeout + ", twice");
        }
    }

    private final Duration timeout;
    private final Counter unanswered;

    public MailSending(@ConfigProperty(name = "quarkus.mailer.timeout") Duration timeout, MeterRegistry metrics) {
        this.timeout = timeout;
        this.unanswered = Counter.builder("paperdigest.mail.unanswered")
                .description("Email sends given up after quarkus.mailer.timeout without an answer")
                .register(metrics);
    }

    /** The longest a {@link #send} can wait for the server: two tries. */
    public Duration longestWait() {
        return timeout.multipliedBy(2);
    }

    public void send(MailTemplateInstance mail) {
        send(mail::send);
    }

    void send(Supplier<Uni<Void>> sending) {
        try {
            sending.get().await().atMost(timeout);
        } catch (TimeoutException first) {
            unanswered.increment();
            LOG.warnf("no answer to an email within %s; trying once more", timeout);
            try {
                sending.get().await().atMost(timeout);
            } catch (TimeoutException second) {
                unanswered.increment();
                throw new NoAnswerException(timeout);
            }
        }
    }
}
