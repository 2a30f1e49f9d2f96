package dev.paperdigest.digests;

import dev.paperdigest.matching.NewPaperMatching;
import dev.paperdigest.matching.PaperMatch;
import dev.paperdigest.subscriptions.Subscriber;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The digest a subscriber would get now, rendered exactly as the email's HTML part: the matches
 * waiting for them, plus the papers no run has matched yet that would match.
 */
@ApplicationScoped
public class DigestPreviews {

    private final DigestComposer composer;
    private final NewPaperMatching matching;
    private final Clock clock;

    public DigestPreviews(DigestComposer composer, NewPaperMatching matching, Clock clock) {
        this.composer = composer;
        this.matching = matching;
        this.clock = clock;
    }

    @Transactional
    public String html(Subscriber subscriber) {
        Subscriber attached = Subscriber.findById(subscriber.id);
        DigestPeriod period = DigestPeriod.of(attached.frequency, clock.instant().atZone(attached.zone()).toLocalDate());
        List<PaperMatch> matches = new ArrayList<>(PaperMatch.listWaiting(attached.id));
        matches.addAll(matching.previewUnmatchedFor(attached.id));
        Digest digest = composer.compose(attached, period, matches);
        return DigestMails.digest(digest).templateInstance()
                .setAttribute(TemplateInstance.SELECTED_VARIANT, Variant.forContentType(Variant.TEXT_HTML))
                .render();
    }
}
