package dev.paperdigest.subscriptions;

import dev.paperdigest.common.AppSecrets;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Signed links: {@code publicId.purpose.expiry.mac}, where the mac is an HMAC-SHA256 over the
 * rest and the subscriber's token generation. Unguessable without the key, bound to one
 * subscriber and one purpose, expiring, and revoked all at once by raising the generation. They
 * need no table: every digest can carry fresh links at no cost.
 */
@ApplicationScoped
public class LinkTokens {

    /** Why a link was refused, in words for the page that says so. */
    public enum Refusal {
        INVALID("This link is not valid. Check that it was copied whole."),
        EXPIRED("This link has expired."),
        UNKNOWN_SUBSCRIBER("This link belongs to a subscription that no longer exists."),
        UNSUBSCRIBED("This subscription has ended, and with it everything this link showed.");

        public final String message;

        Refusal(String message) {
            this.message = message;
        }
    }

    public static final class RefusedLinkException extends RuntimeException {
        public final Refusal refusal;

        RefusedLinkException(Refusal refusal) {
            super(refusal.message);
            this.refusal = refusal;
        }
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final TokensConfig config;
    private final AppSecrets secrets;
    private final Clock clock;
    private volatile SecretKeySpec key;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public LinkTokens(TokensConfig config, AppSecrets secrets, Clock clock) {
        this.config = config;
        this.secrets = secrets;
        this.clock = clock;
    }

    public String issue(Subscriber subscriber, LinkPurpose purpose) {
        return issue(subscriber.publicId, subscriber.tokenGeneration, purpose);
    }

    /** A link for the subscriber with this public id, at this generation of their links. */
    public String issue(String publicId, int tokenGeneration, LinkPurpose purpose) {
        long expiry = clock.instant().plus(validity(purpose)).getEpochSecond();
        String body = publicId + "." + purpose.code + "." + Long.toString(expiry, 36);
        return body + "." + mac(body, tokenGeneration);
    }

    /** The subscriber a link was issued to; throws {@link RefusedLinkException} saying why not. */
    public Subscriber verify(String token, LinkPurpose purpose) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 4 || parts[1].length() != 1 || parts[1].charAt(0) != purpose.code) {
            throw new RefusedLinkException(Refusal.INVALID);
        }
        long expiry;
        try {
            expiry = Long.parseLong(parts[2], 36);
        } catch (NumberFormatException e) {
            throw new RefusedLinkException(Refusal.INVALID);
        }
        Optional<Subscriber> subscriber = Subscriber.findByPublicId(parts[0]);
        String body = parts[0] + "." + parts[1] + "." + parts[2];
        byte[] expected =
                mac(body, subscriber.map(s -> s.tokenGeneration).orElse(0)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[3].getBytes(StandardCharsets.US_ASCII))) {
            throw new RefusedLinkException(Refusal.INVALID);
        }
        if (subscriber.isEmpty()) {
            throw new RefusedLinkException(Refusal.UNKNOWN_SUBSCRIBER);
        }
        if (Instant.ofEpochSecond(expiry).isBefore(clock.instant())) {
            throw new RefusedLinkException(Refusal.EXPIRED);
        }
        return subscriber.get();
    }

    /** Generations looked back through to recognise a revoked link. */
    static final int REVOKED_LOOKBACK = 20;

    /**
     * The subscriber an authentic but revoked link was issued to: one signed over an earlier
     * token generation. It grants nothing; it only lets a page say what became of the person
     * (an old unsubscribe link clicked again: "you are unsubscribed", not "invalid link").
     */
    public Optional<Subscriber> revokedHolder(String token, LinkPurpose purpose) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 4 || parts[1].length() != 1 || parts[1].charAt(0) != purpose.code) {
            return Optional.empty();
        }
        String body = parts[0] + "." + parts[1] + "." + parts[2];
        byte[] given = parts[3].getBytes(StandardCharsets.US_ASCII);
        return Subscriber.findByPublicId(parts[0]).filter(subscriber -> {
            for (int generation = subscriber.tokenGeneration - 1;
                    generation >= Math.max(0, subscriber.tokenGeneration - REVOKED_LOOKBACK);
                    generation--) {
                if (MessageDigest.isEqual(mac(body, generation).getBytes(StandardCharsets.US_ASCII), given)) {
                    return true;
                }
            }
            return false;
        });
    }

    private Duration validity(LinkPurpose purpose) {
        return switch (purpose) {
            case CONFIRM -> config.confirmValidity();
            case MANAGE -> config.manageValidity();
            case UNSUBSCRIBE -> config.unsubscribeValidity();
            case FEED -> config.feedValidity();
            case FEEDBACK -> config.feedbackValidity();
        };
    }

    private String mac(String body, int generation) {
        Mac mac = macs.get();
        // doFinal leaves the Mac ready for the next message under the same key
        return B64.encodeToString(mac.doFinal((body + "." + generation).getBytes(StandardCharsets.UTF_8)));
    }

    /** Looking up the algorithm's provider and keying a Mac cost more than the MAC of a link: one per thread. */
    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Made once per process: the first digests, sent in parallel, would otherwise all race to create it. */
    private SecretKeySpec key() {
        SecretKeySpec made = key;
        if (made == null) {
            synchronized (this) {
                if (key == null) {
                    String secret = config.secret().orElseGet(() -> secrets.getOrCreate("link-tokens"));
                    key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
                }
                made = key;
            }
        }
        return made;
    }
}
