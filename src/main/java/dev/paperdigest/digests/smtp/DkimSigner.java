package dev.paperdigest.digests.smtp;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Adds a DKIM signature (RFC 6376, rsa-sha256) to a digest as {@link MimeWriter} wrote it, with
 * the {@code quarkus.mailer.dkim.*} settings ({@link DkimSettings}); without them a message goes
 * unsigned. Digests go out through {@link SmtpConnection}, not the Quarkus mailer, so they are
 * signed here; the mailer signs the other emails itself. Created at start, so a key that cannot be
 * read stops the start with its reason instead of failing every digest.
 */
@Startup
@ApplicationScoped
public class DkimSigner {

    private static final byte[] CRLF = {'\r', '\n'};

    private final Optional<DkimSettings> settings;

    @Inject
    public DkimSigner(Config config) {
        this(DkimSettings.from(config));
    }

    public DkimSigner(Optional<DkimSettings> settings) {
        this.settings = settings;
    }

    /** The message with a {@code DKIM-Signature} header in front, or as it is when DKIM is off. */
    public byte[] sign(byte[] message, Instant now) {
        if (settings.isEmpty()) {
            return message;
        }
        DkimSettings dkim = settings.get();
        int headerEnd = headerEnd(message);
        String tags = tags(dkim, bodyHash(dkim, message, headerEnd), now);
        StringBuilder signed = new StringBuilder();
        for (String field : selected(fields(message, headerEnd), dkim.signedHeaders())) {
            signed.append(canonical(field, dkim.relaxedHeader())).append("\r\n");
        }
        signed.append(canonical("DKIM-Signature: " + tags, dkim.relaxedHeader()));
        byte[] header =
                ("DKIM-Signature: " + tags + rsaSha256(dkim, signed) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[header.length + message.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(message, 0, out, header.length, message.length);
        return out;
    }

    /** The tag list up to an empty {@code b=}: what is signed, and then sent with the signature after it. */
    private static String tags(DkimSettings dkim, String bodyHash, Instant now) {
        StringBuilder tags = new StringBuilder("v=1; a=rsa-sha256; c=")
                .append(dkim.relaxedHeader() ? "relaxed" : "simple")
                .append('/')
                .append(dkim.relaxedBody() ? "relaxed" : "simple")
                .append("; d=")
                .append(dkim.domain())
                .append("; s=")
                .append(dkim.selector())
                .append(';');
        dkim.identity()
                .ifPresent(identity -> tags.append(" i=").append(identity).append(';'));
        if (dkim.timestamp() || dkim.expireSeconds().isPresent()) {
            tags.append(" t=").append(now.getEpochSecond()).append(';');
        }
        dkim.expireSeconds()
                .ifPresent(seconds -> tags.append(" x=")
                        .append(now.getEpochSecond() + seconds)
                        .append(';'));
        dkim.bodyLimit().ifPresent(limit -> tags.append(" l=").append(limit).append(';'));
        return tags.append("\r\n h=")
                .append(String.join(":", dkim.signedHeaders()))
                .append(";\r\n bh=")
                .append(bodyHash)
                .append(";\r\n b=")
                .toString();
    }

    /** Where the body starts: after the empty line that ends the headers. */
    private static int headerEnd(byte[] message) {
        for (int i = 0; i + 3 < message.length; i++) {
            if (message[i] == '\r' && message[i + 1] == '\n' && message[i + 2] == '\r' && message[i + 3] == '\n') {
                return i + 2;
            }
        }
        throw new IllegalArgumentException("the message has no empty line after its headers");
    }

    /** Each header field with its folded lines, without the CRLF that ends it. */
    private static List<String> fields(byte[] message, int headerEnd) {
        String head = new String(message, 0, headerEnd, StandardCharsets.ISO_8859_1);
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int i = head.indexOf("\r\n"); i >= 0; i = head.indexOf("\r\n", i + 2)) {
            boolean continued = i + 2 < head.length() && (head.charAt(i + 2) == ' ' || head.charAt(i + 2) == '\t');
            if (!continued) {
                fields.add(head.substring(start, i));
                start = i + 2;
            }
        }
        return fields;
    }

    /**
     * The fields to sign in the order of {@code h=}; a name listed twice takes the next instance
     * up from the bottom, a name the message lacks adds nothing (RFC 6376 5.4.2).
     */
    private static List<String> selected(List<String> fields, List<String> names) {
        Map<String, Integer> taken = new HashMap<>();
        List<String> selected = new ArrayList<>();
        for (String name : names) {
            String key = name.toLowerCase(Locale.ROOT);
            int skip = taken.getOrDefault(key, 0);
            for (int i = fields.size() - 1; i >= 0; i--) {
                if (nameOf(fields.get(i)).equals(key) && skip-- == 0) {
                    selected.add(fields.get(i));
                    taken.merge(key, 1, Integer::sum);
                    break;
                }
            }
        }
        return selected;
    }

    private static String nameOf(String field) {
        int colon = field.indexOf(':');
        return (colon < 0 ? field : field.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
    }

    /** RFC 6376 3.4.1 and 3.4.2. */
    private static String canonical(String field, boolean relaxed) {
        if (!relaxed) {
            return field;
        }
        int colon = field.indexOf(':');
        String value = field.substring(colon + 1)
                .replace("\r\n", "")
                .replaceAll("[ \t]+", " ")
                .strip();
        return field.substring(0, colon).strip().toLowerCase(Locale.ROOT) + ":" + value;
    }

    private static String bodyHash(DkimSettings dkim, byte[] message, int headerEnd) {
        byte[] body = canonicalBody(message, headerEnd + 2, dkim.relaxedBody());
        int length = Math.min(body.length, dkim.bodyLimit().orElse(body.length));
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(body, 0, length);
            return Base64.getEncoder().encodeToString(sha256.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * RFC 6376 3.4.3 and 3.4.4: empty lines at the end dropped, the body ending in one CRLF; relaxed
     * also turns each run of blanks into one space and drops the blanks that end a line.
     */
    static byte[] canonicalBody(byte[] message, int from, boolean relaxed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length - from + 2);
        int emptyLines = 0;
        int lineStart = from;
        while (lineStart < message.length) {
            int lineEnd = lineStart;
            while (lineEnd < message.length
                    && !(message[lineEnd] == '\r' && lineEnd + 1 < message.length && message[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            byte[] line = relaxed ? relaxedLine(message, lineStart, lineEnd) : null;
            int length = relaxed ? line.length : lineEnd - lineStart;
            if (length == 0) {
                emptyLines++;
            } else {
                for (; emptyLines > 0; emptyLines--) {
                    out.write(CRLF, 0, 2);
                }
                if (relaxed) {
                    out.write(line, 0, line.length);
                } else {
                    out.write(message, lineStart, length);
                }
                out.write(CRLF, 0, 2);
            }
            lineStart = lineEnd + 2;
        }
        if (out.size() == 0 && !relaxed) {
            out.write(CRLF, 0, 2);
        }
        return out.toByteArray();
    }

    private static byte[] relaxedLine(byte[] message, int from, int to) {
        ByteArrayOutputStream line = new ByteArrayOutputStream(to - from);
        boolean blank = false;
        for (int i = from; i < to; i++) {
            byte b = message[i];
            if (b == ' ' || b == '\t') {
                blank = true;
            } else {
                if (blank) {
                    line.write(' ');
                    blank = false;
                }
                line.write(b);
            }
        }
        return line.toByteArray();
    }

    private static String rsaSha256(DkimSettings dkim, CharSequence signed) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(dkim.key());
            rsa.update(signed.toString().getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the DKIM signature failed", e);
        }
    }
}
