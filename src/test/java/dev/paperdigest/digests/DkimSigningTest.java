package dev.paperdigest.digests;

import dev.paperdigest.support.DkimVerifier;
import dev.paperdigest.support.Mailbox;
import dev.paperdigest.support.PaperIds;
import dev.paperdigest.support.Subscribers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * With DKIM switched on as the README says, every email the service sends arrives with a
 * DKIM-Signature that verifies against the public key of the DNS record: the confirmation the
 * Quarkus mailer sends and the digest the service's own SMTP client sends, their From, Subject,
 * Message-ID and unsubscribe headers and both parts signed; a changed body or header fails.
 */
@QuarkusTest
@TestProfile(DkimSigningTest.Signed.class)
class DkimSigningTest {

    /** A key pair made for this run: the private half in a file, as an operator keeps it; the public half for the test. */
    public static class Signed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair keys = generator.generateKeyPair();
                // what the README's openssl commands leave: the PKCS#8 key in base64 lines, without the PEM lines
                Path key = Files.createTempFile("dkim", ".key");
                key.toFile().deleteOnExit();
                Files.writeString(
                        key,
                        Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded()) + "\n");
                return Map.of(
                        "quarkus.mailer.dkim.enabled", "true",
                        "quarkus.mailer.dkim.private-key-path", key.toString(),
                        "quarkus.mailer.dkim.sdid", "paperdigest.test",
                        "quarkus.mailer.dkim.selector", "mail2026",
                        "dkim-test.public-key",
                                Base64.getEncoder()
                                        .encodeToString(keys.getPublic().getEncoded()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @ConfigProperty(name = "dkim-test.public-key")
    String publicKey;

    private final String topic = "echidna" + UUID.randomUUID().toString().substring(0, 6);

    @Test
    void aConfirmationEmailIsSignedByTheQuarkusMailer() {
        String email = Subscribers.uniqueEmail("signed");
        Subscribers.signUp(email, topic, "", "");
        Mailbox.Received confirmation = Mailbox.await(email, 1).get(0);
        byte[] raw = DkimVerifier.raw(confirmation.message());

        assertSignedAndVerifies(raw);
        assertThat(confirmation.text(), containsString("/confirm?token="));
        assertThat(confirmation.html(), notNullValue());
        assertThat(DkimVerifier.verify(intoTheHtmlPart(raw), publicKey()).failure(), containsString("body hash"));
        assertTamperingFails(raw, "Subject: Confirm", "Subject: Cancel", "does not verify");
    }

    @Test
    void aDigestIsSignedByTheServiceAndCoversBothParts() {
        String base = PaperIds.base("2612");
        DigestDeliveryTest.importPapers("""
                [{"paper": {"id": "%s5", "title": "Signed %s", "summary": "About %s.", "authors": [{"name": "Ada Lovelace"}]}}]
                """.formatted(base, topic, topic));
        String email = Subscribers.uniqueEmail("signed");
        Subscribers.signUpAndConfirm(email, topic, "", "");

        assertThat(DigestDeliveryTest.runDigests("2026-12-20").status(), equalTo("SUCCEEDED"));
        Mailbox.Received digest = Mailbox.await(email, 2).get(1);
        byte[] raw = DkimVerifier.raw(digest.message());

        assertSignedAndVerifies(raw);
        assertThat(digest.text(), containsString("Signed " + topic));
        assertThat(digest.html(), containsString(">Signed " + topic + "</a>"));
        // a line slipped into the HTML part, or the unsubscribe link changed on the way
        assertThat(DkimVerifier.verify(intoTheHtmlPart(raw), publicKey()).failure(), containsString("body hash"));
        assertTamperingFails(raw, "List-Unsubscribe: <http://", "List-Unsubscribe: <https://", "does not verify");
    }

    private void assertSignedAndVerifies(byte[] raw) {
        DkimVerifier.Verdict verdict = DkimVerifier.verify(raw, publicKey());
        assertThat(verdict.failure(), nullValue());
        assertThat(verdict.tags().get("d"), equalTo("paperdigest.test"));
        assertThat(verdict.tags().get("s"), equalTo("mail2026"));
        assertThat(verdict.tags().get("c"), equalTo("relaxed/relaxed"));
        assertThat(
                verdict.signedHeaders(),
                hasItems(
                        "from",
                        "to",
                        "subject",
                        "date",
                        "message-id",
                        "content-type",
                        "list-unsubscribe",
                        "list-unsubscribe-post"));
        // every header the service writes is there to be signed, not only named in h=
        String headers = new String(raw, StandardCharsets.ISO_8859_1).split("\r\n\r\n", 2)[0];
        for (String header :
                List.of("From:", "Subject:", "Message-ID:", "List-Unsubscribe:", "List-Unsubscribe-Post:")) {
            assertThat(headers.toLowerCase(), containsString("\r\n" + header.toLowerCase()));
        }
    }

    private void assertTamperingFails(byte[] raw, String from, String to, String failure) {
        String message = new String(raw, StandardCharsets.ISO_8859_1);
        assertThat("the message has " + from, message, containsString(from));
        byte[] tampered = message.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(DkimVerifier.verify(tampered, publicKey()).failure(), containsString(failure));
    }

    /** The message with a line put in front of its HTML part's content. */
    private static byte[] intoTheHtmlPart(byte[] raw) {
        String message = new String(raw, StandardCharsets.ISO_8859_1);
        int html = message.indexOf("text/html");
        assertThat("an HTML part", html, greaterThan(0));
        int content = message.indexOf("\r\n\r\n", html) + 4;
        return (message.substring(0, content) + "<p>Claim your prize</p>\r\n" + message.substring(content))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private PublicKey publicKey() {
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
