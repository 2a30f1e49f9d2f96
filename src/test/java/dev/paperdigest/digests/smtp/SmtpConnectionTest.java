package dev.paperdigest.digests.smtp;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.paperdigest.support.NoDatabase;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The digest sender's SMTP client against a real SMTP server: login, TLS, many messages on one session. */
@NoDatabase
class SmtpConnectionTest {

    private GreenMail server;

    @AfterEach
    void stop() {
        server.stop();
    }

    private GreenMail start(String protocol) {
        server = new GreenMail(new ServerSetup(0, "127.0.0.1", protocol).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("digest@example.org", "digest", "s3cret"));
        server.start();
        return server;
    }

    private static SmtpSettings settings(int port, boolean tls, String startTls, String password) {
        return new SmtpSettings(
                false,
                "127.0.0.1",
                port,
                tls,
                startTls,
                Optional.of("digest"),
                Optional.of(password),
                tls,
                Duration.ofSeconds(5));
    }

    private static byte[] message(int n) {
        return new MimeWriter()
                .header("From", "digest@example.org")
                .header("To", "reader" + n + "@example.org")
                .header("Subject", "Digest " + n)
                .write("Hello " + n + "\n.hidden dot\n", "<p>Hello " + n + "</p>", ZonedDateTime.now(ZoneOffset.UTC));
    }

    @Test
    void manyMessagesGoOutOnOneLoggedInSession() throws Exception {
        int port = start(ServerSetup.PROTOCOL_SMTP).getSmtp().getPort();
        try (SmtpConnection smtp =
                SmtpConnection.open(settings(port, false, "OPTIONAL", "s3cret"), "digest.example.org")) {
            for (int i = 0; i < 20; i++) {
                smtp.send("digest@example.org", "reader" + i + "@example.org", message(i));
            }
            assertTrue(smtp.isAlive());
        }
        MimeMessage[] received = server.getReceivedMessages();
        assertEquals(20, received.length);
        assertEquals("Digest 7", received[7].getSubject());
        // a line starting with a dot is stuffed on the wire and arrives as written
        String text =
                (String) ((Multipart) received[0].getContent()).getBodyPart(0).getContent();
        assertTrue(text.replace("\r\n", "\n").contains("\n.hidden dot\n"), text);
    }

    @Test
    void implicitTlsWorks() throws Exception {
        int port = start(ServerSetup.PROTOCOL_SMTPS).getSmtps().getPort();
        try (SmtpConnection smtp =
                SmtpConnection.open(settings(port, true, "DISABLED", "s3cret"), "digest.example.org")) {
            smtp.send("digest@example.org", "reader@example.org", message(1));
        }
        assertEquals(1, server.getReceivedMessages().length);
    }

    @Test
    void aWrongPasswordAndAMissingStartTlsAreClearRefusals() {
        int port = start(ServerSetup.PROTOCOL_SMTP).getSmtp().getPort();
        SmtpRefusedException wrong = assertThrows(
                SmtpRefusedException.class,
                () -> SmtpConnection.open(settings(port, false, "DISABLED", "wrong"), "digest.example.org"));
        assertEquals(535, wrong.code());
        assertTrue(wrong.permanent());
        assertTrue(wrong.getMessage().startsWith("AUTH refused"), wrong.getMessage());
        IOException noTls = assertThrows(
                IOException.class,
                () -> SmtpConnection.open(settings(port, false, "REQUIRED", "s3cret"), "digest.example.org"));
        assertTrue(noTls.getMessage().contains("STARTTLS"), noTls.getMessage());
    }

    @Test
    void aServerThatIsDownIsReportedAsSuch() {
        int port = start(ServerSetup.PROTOCOL_SMTP).getSmtp().getPort();
        server.stop();
        IOException down = assertThrows(
                IOException.class,
                () -> SmtpConnection.open(settings(port, false, "DISABLED", "s3cret"), "digest.example.org"));
        assertTrue(
                down.getMessage().startsWith("cannot connect to the SMTP server 127.0.0.1:" + port), down.getMessage());
    }
}
