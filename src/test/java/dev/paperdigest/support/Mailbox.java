package dev.paperdigest.support;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.Matchers.equalTo;

/** Reads what the test SMTP server received for one address. */
public final class Mailbox {

    /**
     * One received email, decoded; {@code html} with numeric character references read as the
     * characters they stand for, {@code rawHtml} as the HTML part came.
     */
    public record Received(
            MimeMessage message, String subject, String contentType, String text, String html, String rawHtml) {

        public String header(String name) {
            try {
                String[] values = message.getHeader(name);
                return values == null ? null : values[0];
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The first link in the plain-text part that starts with the given URL prefix. */
        public String link(String prefix) {
            Matcher m = Pattern.compile(Pattern.quote(prefix) + "\\S+").matcher(text);
            if (!m.find()) {
                throw new AssertionError("no link starting with " + prefix + " in:\n" + text);
            }
            return m.group();
        }
    }

    private Mailbox() {}

    public static List<Received> of(String address) {
        List<Received> received = new ArrayList<>();
        for (MimeMessage message : SmtpServer.greenMail().getReceivedMessages()) {
            try {
                boolean forAddress = Arrays.stream(message.getAllRecipients())
                        .anyMatch(a -> a.toString().equalsIgnoreCase(address));
                if (forAddress) {
                    received.add(decode(message));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return received;
    }

    /** The Message-ID of every email received, by recipient; reads headers only, so it is quick for thousands. */
    public static Map<String, List<String>> messageIdsByRecipient() {
        Map<String, List<String>> byRecipient = new HashMap<>();
        for (MimeMessage message : SmtpServer.greenMail().getReceivedMessages()) {
            try {
                String[] ids = message.getHeader("Message-ID");
                for (Address recipient : message.getAllRecipients()) {
                    byRecipient
                            .computeIfAbsent(recipient.toString().toLowerCase(Locale.ROOT), r -> new ArrayList<>())
                            .add(ids == null ? "" : ids[0]);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return byRecipient;
    }

    /** Waits up to 20 s for {@code count} emails to arrive for the address; returns all it has then. */
    public static List<Received> await(String address, int count) {
        return Awaitility.await(count + " emails to " + address)
                .atMost(Duration.ofSeconds(20))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> of(address), received -> received.size() >= count);
    }

    /**
     * Checks that the address has {@code count} emails and that no more arrive for half a second,
     * the time a mail that should not be sent would take to turn up.
     */
    public static void assertNoMoreArrive(String address, int count) {
        Awaitility.await("exactly " + count + " emails to " + address + " for half a second")
                .during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> of(address).size(), equalTo(count));
    }

    private static Received decode(MimeMessage message) throws Exception {
        String text = null;
        String html = null;
        Object content = message.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    text = (String) part.getContent();
                } else if (part.isMimeType("text/html")) {
                    html = (String) part.getContent();
                } else if (part.getContent() instanceof Multipart nested) {
                    for (int j = 0; j < nested.getCount(); j++) {
                        Part p = nested.getBodyPart(j);
                        if (p.isMimeType("text/plain")) {
                            text = (String) p.getContent();
                        } else if (p.isMimeType("text/html")) {
                            html = (String) p.getContent();
                        }
                    }
                }
            }
        } else if (message.isMimeType("text/plain")) {
            text = (String) content;
        }
        return new Received(
                message, message.getSubject(), message.getContentType(), text, CharacterReferences.decoded(html), html);
    }
}
