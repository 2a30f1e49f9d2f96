package dev.paperdigest.common;

import dev.paperdigest.support.NoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@NoDatabase
class MailSendingTest {

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final MailSending mailSending = new MailSending(Duration.ofMillis(200), metrics);
    private final AtomicInteger tries = new AtomicInteger();

    /** Each try is answered by the next of the given outcomes. */
    @SafeVarargs
    private Supplier<Uni<Void>> answers(Supplier<Uni<Void>>... outcomes) {
        return () -> outcomes[tries.getAndIncrement()].get();
    }

    private static Uni<Void> silence() {
        return Uni.createFrom().nothing();
    }

    private static Uni<Void> accepted() {
        return Uni.createFrom().voidItem();
    }

    @Test
    void aSendThatNeverAnswersIsMadeOnceMore() {
        mailSending.send(answers(MailSendingTest::silence, MailSendingTest::accepted));

        assertEquals(2, tries.get());
        assertEquals(1.0, metrics.counter("paperdigest.mail.unanswered").count());
    }

    @Test
    void twoSilentTriesFailTheSendInsteadOfWaitingForever() {
        MailSending.NoAnswerException e = assertThrows(
                MailSending.NoAnswerException.class,
                () -> mailSending.send(answers(MailSendingTest::silence, MailSendingTest::silence)));

        assertTrue(e.getMessage().contains("did not answer within PT0.2S"), e.getMessage());
        assertEquals(2, tries.get());
    }

    @Test
    void anSmtpErrorIsAnAnswerAndIsNotRetriedHere() {
        RuntimeException rejected = new RuntimeException("550 mailbox unavailable");
        RuntimeException e = assertThrows(
                RuntimeException.class,
                () -> mailSending.send(answers(() -> Uni.createFrom().failure(rejected), MailSendingTest::accepted)));

        assertEquals("550 mailbox unavailable", e.getMessage());
        assertEquals(1, tries.get());
    }
}
