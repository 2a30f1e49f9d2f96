package dev.paperdigest.digests;

import dev.paperdigest.digests.smtp.DkimSigner;
import dev.paperdigest.digests.smtp.MimeWriter;
import dev.paperdigest.digests.smtp.WireText;

import java.time.Clock;
import java.time.ZonedDateTime;

/**
 * A digest as the email that goes to the SMTP server: both parts (put together from frames and
 * cards encoded once for many digests, {@link DigestFrames}), the headers every digest carries
 * (a Message-ID derived from subscriber and period, RFC 2369 and RFC 8058 unsubscribe headers),
 * DKIM-signed when that is configured, in bytes ready to send.
 *
 * @param sender the envelope sender: the address of {@code from}
 */
record DigestMessage(String sender, String recipient, byte[] bytes, int htmlChars, int textChars) {

    static DigestMessage of(
            Digest digest,
            DigestFrames frames,
            String from,
            String messageId,
            boolean eightBit,
            DkimSigner dkim,
            Clock clock) {
        WireText html = frames.html(digest);
        WireText text = frames.text(digest);
        byte[] unsigned = new MimeWriter()
                .header("From", from)
                .header("To", digest.email())
                .header("Subject", digest.subject())
                .header("Message-ID", messageId)
                .header("List-Unsubscribe", "<" + digest.unsubscribeUrl() + ">")
                .header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
                .write(text, html, ZonedDateTime.now(clock), eightBit);
        byte[] bytes = dkim.sign(unsigned, clock.instant());
        return new DigestMessage(address(from), digest.email(), bytes, html.chars(), text.chars());
    }

    /** {@code digest@example.org} of {@code Paper Digest <digest@example.org>}. */
    static String address(String mailbox) {
        int open = mailbox.lastIndexOf('<');
        int close = mailbox.lastIndexOf('>');
        return open >= 0 && close > open ? mailbox.substring(open + 1, close).strip() : mailbox.strip();
    }
}
