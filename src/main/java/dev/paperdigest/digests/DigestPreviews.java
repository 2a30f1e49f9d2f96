package dev.paperdigest.digests;

import dev.paperdigest.matching.PaperMatch;
import dev.paperdigest.subscriptions.Subscriber;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;

/** The digest a subscriber would get now, rendered exactly as the email's HTML part. */
@ApplicationScoped
public class DigestPreviews {

    private final DigestComposer composer;
    private final Clock clock;

    public DigestPreviews(DigestComposer composer, Clock clock) {
        this.composer = composer;
        this.clock = clock;
    }

    @Transactional
    public String html(Subscriber subscriber) {
        Subscriber attached = Subscriber.findById(subscriber.id);
        DigestPeriod period = DigestPeriod.of(attached.frequency, clock.instant().atZone(attached.zone()).toLocalDate());
        Digest digest = composer.compose(attached, period, PaperMatch.listWaiting(attached.id));
        return DigestMails.digest(digest).templateInstance()
                .setAttribute(TemplateInstance.SELECTED_VARIANT, Variant.forContentType(Variant.TEXT_HTML))
                .render();
    }
}
