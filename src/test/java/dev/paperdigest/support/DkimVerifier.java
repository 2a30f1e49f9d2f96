package dev.paperdigest.support;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the first DKIM-Signature of a message as a receiving server would (RFC 6376, rsa-sha256,
 * simple or relaxed canonicalization), with the public key a DNS lookup of {@code s._domainkey.d}
 * would give. Written from the RFC apart from the service's signer, so the two cannot share a
 * mistake.
 */
public final class DkimVerifier {

    /** What the check found; {@code failure} is null when the signature verifies. */
    public record Verdict(String failure, Map<String, String> tags) {

        public boolean verifies() {
            return failure == null;
        }

        /** The {@code h=} list, lower case. */
        public List<String> signedHeaders() {
            return Arrays.stream(tags.get("h").split(":"))
                    .map(h -> h.strip().toLowerCase(Locale.ROOT))
                    .toList();
        }
    }

    private DkimVerifier() {}

    /** The message exactly as the SMTP server received it, headers it added included. */
    public static byte[] raw(MimeMessage message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Verdict verify(byte[] message, PublicKey key) {
        String raw = new String(message, StandardCharsets.ISO_8859_1);
        int split = raw.indexOf("\r\n\r\n");
        if (split < 0) {
            return new Verdict("no empty line between headers and body", Map.of());
        }
        List<String> fields = List.of(raw.substring(0, split).split("\r\n(?![ \t])"));
        String body = raw.substring(split + 4);
        String signatureField = fields.stream()
                .filter(f -> name(f).equals("dkim-signature"))
                .findFirst()
                .orElse(null);
        if (signatureField == null) {
            return new Verdict("no DKIM-Signature header", Map.of());
        }
        Map<String, String> tags = tags(signatureField.substring(signatureField.indexOf(':') + 1));
        for (String required : List.of("v", "a", "b", "bh", "d", "h", "s")) {
            if (!tags.containsKey(required)) {
                return new Verdict("the tag " + required + "= is missing", tags);
            }
        }
        if (!tags.get("a").equals("rsa-sha256")) {
            return new Verdict("not rsa-sha256: " + tags.get("a"), tags);
        }
        String[] c = tags.getOrDefault("c", "simple/simple").split("/");
        boolean relaxedHeaders = c[0].equals("relaxed");
        boolean relaxedBody = c.length > 1 && c[1].equals("relaxed");

        byte[] canonicalBody = canonicalBody(body, relaxedBody).getBytes(StandardCharsets.ISO_8859_1);
        if (tags.containsKey("l")) {
            canonicalBody =
                    Arrays.copyOf(canonicalBody, Math.min(canonicalBody.length, Integer.parseInt(tags.get("l"))));
        }
        String bodyHash = Base64.getEncoder().encodeToString(sha256(canonicalBody));
        if (!bodyHash.equals(tags.get("bh"))) {
            return new Verdict("the body hash does not match: bh=" + tags.get("bh") + ", computed " + bodyHash, tags);
        }

        StringBuilder signed = new StringBuilder();
        Map<String, Integer> used = new HashMap<>();
        for (String wanted : tags.get("h").split(":")) {
            String lower = wanted.strip().toLowerCase(Locale.ROOT);
            int skip = used.merge(lower, 1, Integer::sum) - 1;
            List<String> instances = new ArrayList<>(
                    fields.stream().filter(f -> name(f).equals(lower)).toList());
            if (skip < instances.size()) {
                signed.append(canonicalHeader(instances.get(instances.size() - 1 - skip), relaxedHeaders))
                        .append("\r\n");
            }
        }
        String withoutSignature = signatureField.replaceFirst("(^|;)([ \t\r\n]*b[ \t\r\n]*=)[^;]*", "$1$2");
        signed.append(canonicalHeader(withoutSignature, relaxedHeaders));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update(signed.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (!rsa.verify(Base64.getDecoder().decode(tags.get("b")))) {
                return new Verdict("the signature b= does not verify over the signed headers", tags);
            }
        } catch (GeneralSecurityException e) {
            return new Verdict("the signature cannot be checked: " + e, tags);
        }
        return new Verdict(null, tags);
    }

    private static String name(String field) {
        return field.substring(0, Math.max(0, field.indexOf(':'))).strip().toLowerCase(Locale.ROOT);
    }

    /** Tag values without blanks (folding), as b= and bh= need. */
    private static Map<String, String> tags(String list) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String tag : list.split(";")) {
            int equals = tag.indexOf('=');
            if (equals > 0) {
                tags.put(
                        tag.substring(0, equals).strip(),
                        tag.substring(equals + 1).replaceAll("[ \t\r\n]", ""));
            }
        }
        return tags;
    }

    private static String canonicalHeader(String field, boolean relaxed) {
        if (!relaxed) {
            return field;
        }
        int colon = field.indexOf(':');
        String value = field.substring(colon + 1)
                .replaceAll("\r\n(?=[ \t])", "")
                .replaceAll("[ \t]+", " ")
                .strip();
        return field.substring(0, colon).toLowerCase(Locale.ROOT).strip() + ":" + value;
    }

    private static String canonicalBody(String body, boolean relaxed) {
        List<String> lines = new ArrayList<>(List.of(body.split("\r\n", -1)));
        if (relaxed) {
            lines.replaceAll(line -> line.replaceAll("[ \t]+", " ").replaceAll(" $", ""));
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty()) {
            return relaxed ? "" : "\r\n";
        }
        return String.join("\r\n", lines) + "\r\n";
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
