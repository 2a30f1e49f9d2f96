package dev.paperdigest.digests.smtp;

import dev.paperdigest.support.DkimVerifier;
import dev.paperdigest.support.NoDatabase;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Digests signed with either canonicalization verify as a receiving server checks them, and only untouched. */
@NoDatabase
class DkimSignerTest {

    private static final KeyPair KEYS = rsaKeys();
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private static final String SIGNED =
            "From,To,Subject,Date,Message-ID,MIME-Version,Content-Type,List-Unsubscribe,List-Unsubscribe-Post";

    @Test
    void aDigestSignedSimplyOrRelaxedVerifiesAndCoversItsHeadersAndBothParts() {
        for (String canonicalization : List.of("simple", "relaxed")) {
            byte[] signed = signer(canonicalization).sign(digest(), NOW);

            DkimVerifier.Verdict verdict = DkimVerifier.verify(signed, KEYS.getPublic());
            assertTrue(verdict.verifies(), canonicalization + ": " + verdict.failure());
            assertEquals(
                    canonicalization + "/" + canonicalization, verdict.tags().get("c"));
            assertEquals("example.org", verdict.tags().get("d"));
            assertEquals("mail2026", verdict.tags().get("s"));
            assertEquals(Long.toString(NOW.getEpochSecond()), verdict.tags().get("t"));
            assertThat(
                    verdict.signedHeaders(),
                    hasItems("from", "subject", "message-id", "list-unsubscribe", "list-unsubscribe-post"));
            assertThat(new String(signed, StandardCharsets.US_ASCII), startsWith("DKIM-Signature: v=1; a=rsa-sha256;"));

            assertThat(
                    DkimVerifier.verify(replace(signed, "Lovelace</b>", "Babbage</b>"), KEYS.getPublic())
                            .failure(),
                    containsString("body hash"));
            assertThat(
                    DkimVerifier.verify(replace(signed, "Subject: 2 new", "Subject: 9 new"), KEYS.getPublic())
                            .failure(),
                    containsString("does not verify"));
            assertThat(
                    DkimVerifier.verify(
                                    replace(signed, "List-Unsubscribe: <https://", "List-Unsubscribe: <http://"),
                                    KEYS.getPublic())
                            .failure(),
                    containsString("does not verify"));
        }
    }

    @Test
    void onlyARelaxedSignatureSurvivesARelayThatRewrapsBlanks() {
        for (String canonicalization : List.of("simple", "relaxed")) {
            byte[] rewrapped = replace(
                    replace(signer(canonicalization).sign(digest(), NOW), "Subject: 2", "Subject:   2"),
                    "Ada Lovelace",
                    "Ada \t Lovelace");
            assertEquals(
                    canonicalization.equals("relaxed"),
                    DkimVerifier.verify(rewrapped, KEYS.getPublic()).verifies(),
                    canonicalization);
        }
    }

    @Test
    void withoutDkimADigestGoesAsItIs() {
        byte[] digest = digest();
        assertArrayEquals(digest, new DkimSigner(DkimSettings.from(config(Map.of()))).sign(digest, NOW));
        assertFalse(DkimVerifier.verify(digest, KEYS.getPublic()).verifies());
    }

    @Test
    void aKeyWithItsPemLinesOrNoKeyAtAllStopsTheStartWithTheReason() {
        String base64 = Base64.getMimeEncoder().encodeToString(KEYS.getPrivate().getEncoded());
        Map<String, String> pem = settings("simple");
        pem.put(
                "quarkus.mailer.dkim.private-key",
                "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n");
        assertThat(
                assertThrows(IllegalStateException.class, () -> DkimSettings.from(config(pem)))
                        .getMessage(),
                containsString("give the base64 between them only"));

        Map<String, String> noKey = settings("simple");
        noKey.remove("quarkus.mailer.dkim.private-key");
        assertThat(
                assertThrows(IllegalStateException.class, () -> DkimSettings.from(config(noKey)))
                        .getMessage(),
                containsString("quarkus.mailer.dkim.private-key or quarkus.mailer.dkim.private-key-path must be set"));
    }

    private static DkimSigner signer(String canonicalization) {
        return new DkimSigner(DkimSettings.from(config(settings(canonicalization))));
    }

    private static Map<String, String> settings(String canonicalization) {
        Map<String, String> settings = new HashMap<>();
        settings.put("quarkus.mailer.dkim.enabled", "true");
        // the key as the README has it made: base64 lines without the PEM lines around them
        settings.put(
                "quarkus.mailer.dkim.private-key",
                Base64.getMimeEncoder().encodeToString(KEYS.getPrivate().getEncoded()));
        settings.put("quarkus.mailer.dkim.sdid", "example.org");
        settings.put("quarkus.mailer.dkim.selector", "mail2026");
        settings.put("quarkus.mailer.dkim.signed-headers", SIGNED);
        settings.put("quarkus.mailer.dkim.header-canon-algo", canonicalization.toUpperCase());
        settings.put("quarkus.mailer.dkim.body-canon-algo", canonicalization);
        settings.put("quarkus.mailer.dkim.signature-timestamp", "true");
        return settings;
    }

    private static org.eclipse.microprofile.config.Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withDefaultValues(values).build();
    }

    /**
     * A digest as the sender writes it: both parts, blanks at line ends, blank lines at the end, a
     * From in encoded words folded over lines.
     */
    private static byte[] digest() {
        String text = "2 new papers for you\n\n1. Attention   Is All\tYou Need  \n   Ada Lovelace\n\n\n";
        String html = "<p>2 new papers for you</p>\n<p>Attention is all <b>Ada Lovelace</b> \n\n\n";
        return new MimeWriter()
                .header("From", "Paper Digest – Bücher, Łukasz et les Éditions très longues <digest@example.org>")
                .header("To", "ada@example.org")
                .header("Subject", "2 new papers for you - Paper Digest, Tuesday, December 1, 2026")
                .header("Message-ID", "<digest.2026-12-01.abc@example.org>")
                .header("List-Unsubscribe", "<https://digest.example.org/unsubscribe?token=a.b.c>")
                .header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
                .write(text, html, ZonedDateTime.ofInstant(NOW, ZoneOffset.UTC));
    }

    private static byte[] replace(byte[] message, String from, String to) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains(from), "the message has " + from);
        return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
