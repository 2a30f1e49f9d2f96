package dev.paperdigest.digests.smtp;

import dev.paperdigest.support.NoDatabase;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the digest sender writes is an email any mail library reads back exactly. */
@NoDatabase
class MimeWriterTest {

    private static final ZonedDateTime DATE = ZonedDateTime.of(2026, 12, 1, 8, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void aMessageReadsBackWordForWordInBothParts() throws Exception {
        String text = "1. Łukasz Kaiser: “Attention” … costs = 3\n.a line starting with a dot\ntrailing spaces   \n"
                + "x".repeat(300) + "\n\tindented\n▲ 42 upvotes · 😀\n";
        String html =
                "<p style=\"margin:0 0 4px\">Łukasz &amp; “Attention”</p>\n<p>" + "word ".repeat(100) + "</p>\n.\n";
        byte[] bytes = new MimeWriter()
                .header("From", "Paper Digest – Bücher <digest@example.org>")
                .header("To", "ada@example.org")
                .header(
                        "Subject",
                        "25 new papers for you · Paper Digest, Tuesday, December 1, 2026 — with a long tail of words")
                .header("Message-ID", "<digest.2026-12-01.abc@example.org>")
                .header("List-Unsubscribe", "<https://digest.example.org/unsubscribe?token=a.b.c>")
                .write(text, html, DATE);

        MimeMessage read = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
        assertEquals(
                "25 new papers for you · Paper Digest, Tuesday, December 1, 2026 — with a long tail of words",
                read.getSubject());
        InternetAddress from = (InternetAddress) read.getFrom()[0];
        assertEquals("Paper Digest – Bücher", from.getPersonal());
        assertEquals("digest@example.org", from.getAddress());
        assertEquals("<digest.2026-12-01.abc@example.org>", read.getMessageID());
        assertEquals("<https://digest.example.org/unsubscribe?token=a.b.c>", read.getHeader("List-Unsubscribe")[0]);
        assertTrue(read.getContentType().startsWith("multipart/alternative"), read.getContentType());
        Multipart parts = (Multipart) read.getContent();
        assertEquals(2, parts.getCount());
        assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
        assertTrue(parts.getBodyPart(1).isMimeType("text/html"));
        assertEquals(text, lf((String) parts.getBodyPart(0).getContent()));
        assertEquals(html, lf((String) parts.getBodyPart(1).getContent()));
    }

    @Test
    void everyLineIsSevenBitAndShortEnoughForAnyRelay() {
        String text = "é".repeat(500) + "\n" + "=".repeat(200) + "\n" + " ".repeat(100);
        String ascii = new String(
                new MimeWriter().header("Subject", "Ünïcödé ".repeat(20)).write(text, text, DATE),
                StandardCharsets.ISO_8859_1);
        for (String line : ascii.split("\r\n")) {
            assertTrue(line.length() <= 78, "a line of " + line.length() + ": " + line);
            assertTrue(line.chars().allMatch(c -> c < 128), line);
        }
        assertTrue(ascii.replace("\r\n", "").indexOf('\n') < 0, "bare LF");
    }

    @Test
    void aServerThatTakesEightBitGetsTheTextAsItIsWhereItFits() throws Exception {
        String ascii = "Plain words only.\n";
        String accented = "Łukasz Kaiser “quoted”\n";
        String tooLong = "é" + "x".repeat(1200) + "\n";
        MimeMessage read = read(new MimeWriter().header("To", "a@example.org").write(ascii, accented, DATE, true));
        Multipart parts = (Multipart) read.getContent();
        assertEquals("7bit", parts.getBodyPart(0).getHeader("Content-Transfer-Encoding")[0]);
        assertEquals("8bit", parts.getBodyPart(1).getHeader("Content-Transfer-Encoding")[0]);
        assertEquals(accented, lf((String) parts.getBodyPart(1).getContent()));

        Multipart encoded = (Multipart)
                read(new MimeWriter().write(tooLong, accented, DATE, false)).getContent();
        // a line past 998 bytes, or 8-bit text for a server without 8BITMIME: quoted-printable
        assertEquals("quoted-printable", encoded.getBodyPart(0).getHeader("Content-Transfer-Encoding")[0]);
        assertEquals("quoted-printable", encoded.getBodyPart(1).getHeader("Content-Transfer-Encoding")[0]);
        assertEquals(tooLong, lf((String) encoded.getBodyPart(0).getContent()));
    }

    @Test
    void asciiGoesAsItIsOnlyWhileItsLinesFitAndHoldNoBareCarriageReturn() throws Exception {
        String fits = "<p>plain</p>\n" + "x".repeat(998) + "\n\n<p>end</p>";
        String tooLong = "<p>plain</p>\n" + "x".repeat(999) + "\n";
        String bareCr = "<p>one\rtwo</p>\n";
        for (String ascii : new String[] {fits, tooLong, bareCr}) {
            Multipart parts = (Multipart)
                    read(new MimeWriter().write("text", ascii, DATE, true)).getContent();
            String encoding = parts.getBodyPart(1).getHeader("Content-Transfer-Encoding")[0];
            assertEquals(ascii == fits ? "7bit" : "quoted-printable", encoding, ascii.substring(0, 12));
            assertEquals(ascii, lf((String) parts.getBodyPart(1).getContent()));
        }
    }

    private static MimeMessage read(byte[] bytes) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    }

    @Test
    void aHeaderValueWithALineBreakIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new MimeWriter().header("To", "ada@example.org\r\nBcc: eve@example.org"));
        assertThrows(IllegalArgumentException.class, () -> new MimeWriter().header("Subject", "one\ntwo"));
    }

    private static String lf(String crlf) {
        return crlf.replace("\r\n", "\n");
    }
}
