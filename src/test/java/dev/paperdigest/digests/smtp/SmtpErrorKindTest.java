package dev.paperdigest.digests.smtp;

import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;

@NoDatabase
class SmtpErrorKindTest {

    @Test
    void refusalsAreToldApartByTheirReplyCode() {
        assertEquals(
                SmtpErrorKind.REFUSED_4XX,
                SmtpErrorKind.of(new SmtpRefusedException(
                        451, "451 try again later", "RCPT TO", SmtpRefusedException.Step.RECIPIENT)));
        assertEquals(
                SmtpErrorKind.REFUSED_5XX,
                SmtpErrorKind.of(new SmtpRefusedException(
                        550, "550 no such user", "RCPT TO", SmtpRefusedException.Step.RECIPIENT)));
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsATimeout() {
        IOException silent = new IOException(
                "the SMTP server did not answer within PT5S", new SocketTimeoutException("Read timed out"));
        assertEquals(SmtpErrorKind.TIMEOUT, SmtpErrorKind.of(silent));
        assertEquals(SmtpErrorKind.TIMEOUT, SmtpErrorKind.of(new SocketTimeoutException("Connect timed out")));
        assertEquals("timeout", SmtpErrorKind.TIMEOUT.tag());
    }

    @Test
    void everythingElseIsUnreachable() {
        IOException refused = new IOException(
                "cannot connect to the SMTP server localhost:25: Connection refused",
                new ConnectException("Connection refused"));
        assertEquals(SmtpErrorKind.UNREACHABLE, SmtpErrorKind.of(refused));
        assertEquals(
                SmtpErrorKind.UNREACHABLE, SmtpErrorKind.of(new IOException("the SMTP server closed the connection")));
        assertEquals("refused_5xx", SmtpErrorKind.REFUSED_5XX.tag());
    }
}
