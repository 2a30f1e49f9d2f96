package dev.paperdigest.digests.smtp;

import org.eclipse.microprofile.config.Config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How digests are DKIM-signed, read from the {@code quarkus.mailer.dkim.*} keys the Quarkus mailer
 * signs the other emails with, so an operator configures DKIM once: {@code enabled},
 * {@code private-key} or {@code private-key-path}, {@code sdid}, {@code selector}, {@code auid},
 * {@code signed-headers}, {@code header-canon-algo}, {@code body-canon-algo}, {@code body-limit},
 * {@code signature-timestamp}, {@code expire-time}. The key is read as the mailer reads it: an RSA
 * key in PKCS#8, base64 without the PEM lines around it; and the defaults are the mailer's.
 *
 * @param domain        the signing domain ({@code d=}, {@code sdid})
 * @param identity      the agent or user identifier ({@code i=}, {@code auid}), if any
 * @param relaxedHeader relaxed header canonicalization (else simple)
 * @param relaxedBody   relaxed body canonicalization (else simple)
 * @param bodyLimit     how many bytes of the canonical body are signed ({@code l=}), if limited
 * @param expireSeconds how long after signing the signature expires ({@code x=}), if it does
 */
public record DkimSettings(
        PrivateKey key,
        String domain,
        String selector,
        Optional<String> identity,
        List<String> signedHeaders,
        boolean relaxedHeader,
        boolean relaxedBody,
        OptionalInt bodyLimit,
        boolean timestamp,
        OptionalLong expireSeconds) {

    /** The Vert.x mail client's default list, which the Quarkus mailer signs when none is set. */
    static final List<String> DEFAULT_HEADERS =
            List.of("From", "Reply-to", "Subject", "Date", "To", "Cc", "Content-Type", "Message-ID");

    private static final String PREFIX = "quarkus.mailer.dkim.";

    /** The settings, or empty when DKIM is not enabled; a setting that cannot work stops the start with its reason. */
    public static Optional<DkimSettings> from(Config config) {
        if (!config.getOptionalValue(PREFIX + "enabled", Boolean.class).orElse(false)) {
            return Optional.empty();
        }
        List<String> headers = config.getOptionalValues(PREFIX + "signed-headers", String.class)
                .orElse(DEFAULT_HEADERS);
        if (headers.stream().noneMatch(h -> h.strip().equalsIgnoreCase("From"))) {
            throw new IllegalStateException(PREFIX + "signed-headers must include From");
        }
        return Optional.of(new DkimSettings(
                key(config),
                required(config, "sdid"),
                required(config, "selector"),
                config.getOptionalValue(PREFIX + "auid", String.class),
                headers.stream().map(String::strip).toList(),
                relaxed(config, "header-canon-algo"),
                relaxed(config, "body-canon-algo"),
                config.getOptionalValue(PREFIX + "body-limit", Integer.class)
                        .map(OptionalInt::of)
                        .orElse(OptionalInt.empty()),
                config.getOptionalValue(PREFIX + "signature-timestamp", Boolean.class)
                        .orElse(false),
                config.getOptionalValue(PREFIX + "expire-time", Long.class)
                        .map(OptionalLong::of)
                        .orElse(OptionalLong.empty())));
    }

    private static String required(Config config, String key) {
        return config.getOptionalValue(PREFIX + key, String.class)
                .orElseThrow(() ->
                        new IllegalStateException(PREFIX + key + " must be set when " + PREFIX + "enabled is true"));
    }

    private static boolean relaxed(Config config, String key) {
        String algorithm = config.getOptionalValue(PREFIX + key, String.class)
                .orElse("simple")
                .toLowerCase(Locale.ROOT);
        return switch (algorithm) {
            case "relaxed" -> true;
            case "simple" -> false;
            default -> throw new IllegalStateException(PREFIX + key + " is simple or relaxed, not " + algorithm);
        };
    }

    private static PrivateKey key(Config config) {
        Optional<String> inline = config.getOptionalValue(PREFIX + "private-key", String.class);
        if (inline.isPresent()) {
            return privateKey(inline.get(), PREFIX + "private-key");
        }
        Path path = Path.of(config.getOptionalValue(PREFIX + "private-key-path", String.class)
                .orElseThrow(() -> new IllegalStateException(PREFIX + "private-key or " + PREFIX
                        + "private-key-path must be set when " + PREFIX + "enabled is true")));
        try {
            return privateKey(Files.readString(path), PREFIX + "private-key-path (" + path + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(PREFIX + "private-key-path: cannot read " + path, e);
        }
    }

    static PrivateKey privateKey(String base64, String source) {
        if (base64.contains("-----")) {
            throw new IllegalStateException(source + " holds the \"-----BEGIN PRIVATE KEY-----\" and \"-----END"
                    + " PRIVATE KEY-----\" lines: give the base64 between them only, which is all the Quarkus"
                    + " mailer reads (README, \"Sending that inboxes trust\")");
        }
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(
                            new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(base64.strip())));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    source + " is not an RSA private key in PKCS#8, base64 encoded: " + e.getMessage(), e);
        }
    }
}
