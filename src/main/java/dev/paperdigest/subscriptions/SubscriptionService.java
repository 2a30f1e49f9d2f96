package dev.paperdigest.subscriptions;

import dev.paperdigest.common.LimitsConfig;
import dev.paperdigest.common.ListUnsubscribe;
import dev.paperdigest.common.MailSending;
import dev.paperdigest.common.PublicLinks;
import dev.paperdigest.matching.QueryKind;
import dev.paperdigest.papers.Paper;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;

/** Signing up, confirming, changing and leaving. */
@ApplicationScoped
public class SubscriptionService {

    private static final Logger LOG = Logger.getLogger(SubscriptionService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How far back a new subscriber's first digest reaches. */
    static final Duration BACKFILL = Duration.ofDays(2);

    private final LimitsConfig config;
    private final LinkTokens tokens;
    private final PublicLinks links;
    private final MailSending mailSending;
    private final WeeklyDigestDay weeklyDay;
    private final Clock clock;

    public SubscriptionService(
            LimitsConfig config,
            LinkTokens tokens,
            PublicLinks links,
            MailSending mailSending,
            WeeklyDigestDay weeklyDay,
            Clock clock) {
        this.config = config;
        this.tokens = tokens;
        this.links = links;
        this.mailSending = mailSending;
        this.weeklyDay = weeklyDay;
        this.clock = clock;
    }

    /**
     * A sign-up. New, pending and unsubscribed addresses get the requested subscriptions (pending)
     * and a confirmation link; an active subscriber's subscriptions are left alone and they get a
     * link to their manage page instead, so nobody can change someone else's digest. The answer
     * is the same either way. The email goes out after the commit.
     */
    public void subscribe(SubscriptionRequest request) {
        MailTemplateInstance mail = QuarkusTransaction.requiringNew().call(() -> prepareSignUp(request));
        if (mail != null) {
            mailSending.send(mail);
        }
    }

    private MailTemplateInstance prepareSignUp(SubscriptionRequest request) {
        Instant now = clock.instant();
        Subscriber subscriber = Subscriber.findByEmail(request.email()).orElse(null);
        boolean isNew = subscriber == null;
        if (isNew) {
            subscriber = newSubscriber(request.email(), now);
        }
        if (!mayEmail(subscriber, now)) {
            LOG.infof("confirmation limit reached for subscriber %d today; no email sent", subscriber.id);
            return null;
        }
        if (subscriber.status != SubscriberStatus.ACTIVE) {
            if (!isNew) {
                // what was asked for changes, so the links already mailed for the old choice die:
                // only the new email's link, which shows the new choice, can confirm it
                subscriber.revokeLinks();
            }
            subscriber.status = SubscriberStatus.PENDING;
            apply(subscriber, request, now);
        }
        if (isNew) {
            subscriber.persist();
        }
        if (subscriber.status == SubscriberStatus.ACTIVE) {
            String unsubscribeUrl = links.withToken("/unsubscribe", tokens.issue(subscriber, LinkPurpose.UNSUBSCRIBE));
            return SubscriptionMails.alreadySubscribed(
                            links.withToken("/manage", tokens.issue(subscriber, LinkPurpose.MANAGE)), unsubscribeUrl)
                    .mail(ListUnsubscribe.headers(new Mail(), unsubscribeUrl))
                    .to(subscriber.email)
                    .subject("Your Paper Digest subscription");
        }
        return confirmationMail(subscriber);
    }

    /** The double opt-in email for a pending subscriber. */
    MailTemplateInstance confirmationMail(Subscriber subscriber) {
        String unsubscribeUrl = links.withToken("/unsubscribe", tokens.issue(subscriber, LinkPurpose.UNSUBSCRIBE));
        String confirmUrl = links.withToken("/confirm", tokens.issue(subscriber, LinkPurpose.CONFIRM));
        String manageUrl = links.withToken("/manage", tokens.issue(subscriber, LinkPurpose.MANAGE));
        return SubscriptionMails.confirm(confirmUrl, manageUrl, unsubscribeUrl, summary(subscriber))
                .mail(ListUnsubscribe.headers(new Mail(), unsubscribeUrl))
                .to(subscriber.email)
                .subject("Confirm your Paper Digest subscription");
    }

    /**
     * Double opt-in. Confirming twice is harmless. A new subscriber's first digest reaches back
     * {@link #BACKFILL}, so it is not empty for want of timing.
     */
    @Transactional
    public Subscriber confirm(String token) {
        Subscriber subscriber = tokens.verify(token, LinkPurpose.CONFIRM);
        if (subscriber.status != SubscriberStatus.ACTIVE) {
            Instant now = clock.instant();
            subscriber.confirmedAt = now;
            activate(subscriber, now, backfillRound(now));
        }
        return subscriber;
    }

    /** Papers that entered matching in the last {@link #BACKFILL} count as new to someone who (re)starts now. */
    static long backfillRound(Instant now) {
        return Paper.latestRoundBefore(now.minus(BACKFILL));
    }

    static void activate(Subscriber subscriber, Instant now, long backfillRound) {
        subscriber.status = SubscriberStatus.ACTIVE;
        subscriber.unsubscribedAt = null;
        subscriber.hardBounces = 0; // they just answered an email sent to the address
        subscriber.startDigests(backfillRound, now);
    }

    @Transactional
    public Subscriber unsubscribe(String token) {
        Subscriber subscriber = tokens.verify(token, LinkPurpose.UNSUBSCRIBE);
        if (subscriber.status != SubscriberStatus.UNSUBSCRIBED) {
            subscriber.status = SubscriberStatus.UNSUBSCRIBED;
            subscriber.unsubscribedAt = clock.instant();
            subscriber.revokeLinks(); // an old confirm or manage link must not bring them back
            PaperFeedback.forget(subscriber.id); // what their votes taught goes with them
        }
        return subscriber;
    }

    /** "Sign me out everywhere": every link mailed so far stops working; the caller gets a fresh manage link. */
    @Transactional
    public Subscriber revokeLinks(String manageToken) {
        Subscriber subscriber = tokens.verify(manageToken, LinkPurpose.MANAGE);
        subscriber.revokeLinks();
        return subscriber;
    }

    /** The subscriber a manage link belongs to, with their subscriptions loaded. */
    @Transactional
    public Subscriber forManaging(String token) {
        Subscriber subscriber = tokens.verify(token, LinkPurpose.MANAGE);
        subscriber.subscriptions.size();
        return subscriber;
    }

    /**
     * The subscriber a feed link belongs to. Someone who unsubscribed has no feed (their links
     * were revoked as they left; this holds for a link issued after that, too).
     */
    @Transactional
    public Subscriber forFeed(String token) {
        Subscriber subscriber = tokens.verify(token, LinkPurpose.FEED);
        if (subscriber.status == SubscriberStatus.UNSUBSCRIBED) {
            throw new LinkTokens.RefusedLinkException(LinkTokens.Refusal.UNSUBSCRIBED);
        }
        return subscriber;
    }

    /** Saves the manage form. Saving also resubscribes someone who had left. */
    @Transactional
    public Subscriber update(String token, SubscriptionRequest request) {
        Subscriber subscriber = tokens.verify(token, LinkPurpose.MANAGE);
        Instant now = clock.instant();
        apply(subscriber, request, now);
        if (subscriber.status == SubscriberStatus.UNSUBSCRIBED) {
            // the manage link proves the address, so no new confirmation is needed
            activate(subscriber, now, backfillRound(now));
        } else if (subscriber.status == SubscriberStatus.ACTIVE) {
            subscriber.nextDigestAt = now; // the schedule may have changed: the next tick works it out again
        }
        return subscriber;
    }

    static void apply(Subscriber subscriber, SubscriptionRequest request, Instant now) {
        subscriber.frequency = request.frequency();
        subscriber.sendHour = request.sendHour();
        subscriber.timeZone = request.timeZone();
        subscriber.replaceSubscriptions(request.subscriptions(), now);
    }

    static Subscriber newSubscriber(String email, Instant now) {
        Subscriber subscriber = new Subscriber();
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        subscriber.publicId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        subscriber.email = email;
        subscriber.status = SubscriberStatus.PENDING;
        subscriber.createdAt = now;
        return subscriber;
    }

    /** At most {@code confirmations-per-address-per-day} emails a day to one address, so the form cannot be used to flood it. */
    boolean mayEmail(Subscriber subscriber, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (!today.equals(subscriber.confirmationsDay)) {
            subscriber.confirmationsDay = today;
            subscriber.confirmationsSent = 0;
        }
        if (subscriber.confirmationsSent >= config.confirmationsPerAddressPerDay()) {
            return false;
        }
        subscriber.confirmationsSent++;
        return true;
    }

    SubscriptionMails.Summary summary(Subscriber subscriber) {
        String schedule = (subscriber.frequency == Frequency.DAILY ? "daily" : "every " + weeklyDay.name())
                + String.format(" at %02d:00 (%s)", subscriber.sendHour, subscriber.timeZone);
        return new SubscriptionMails.Summary(
                subscriber.queries(QueryKind.KEYWORD),
                subscriber.queries(QueryKind.AUTHOR),
                subscriber.queries(QueryKind.CATEGORY),
                subscriber.queries(QueryKind.SIMILAR),
                schedule);
    }
}
