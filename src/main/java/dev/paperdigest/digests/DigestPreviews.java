package dev.paperdigest.digests;

import dev.paperdigest.matching.Preferences;
import dev.paperdigest.matching.Query;
import dev.paperdigest.matching.RankedPapers;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.subscriptions.PaperFeedback;
import dev.paperdigest.subscriptions.Subscriber;
import dev.paperdigest.subscriptions.Subscription;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The digest a subscriber would get now, rendered exactly as the email's HTML part: their queries
 * against every paper new to them, those no run has taken into matching yet included.
 */
@ApplicationScoped
public class DigestPreviews {

    private final DeliveryConfig config;
    private final MatchSessions sessions;
    private final DigestComposer composer;
    private final Clock clock;

    public DigestPreviews(DeliveryConfig config, MatchSessions sessions, DigestComposer composer, Clock clock) {
        this.config = config;
        this.sessions = sessions;
        this.composer = composer;
        this.clock = clock;
    }

    private record Asked(Subscriber subscriber, List<Query> queries, Preferences preferences, long after) {}

    public String html(Subscriber subscriber) {
        Instant now = clock.instant();
        Asked asked = QuarkusTransaction.requiringNew().call(() -> {
            Subscriber s = Subscriber.findById(subscriber.id);
            long floor = Paper.latestRoundBefore(now.minus(DigestQueue.MAX_LOOKBACK));
            return new Asked(
                    s,
                    Subscription.queriesOf(List.of(s.id)).getOrDefault(s.id, List.of()),
                    PaperFeedback.preferencesOfRange(s.id, s.id).getOrDefault(s.id, Preferences.NONE),
                    Math.max(s.matchedThrough, floor));
        });
        Subscriber current = asked.subscriber();
        List<Query> queries = asked.queries();
        RankedPapers ranked = sessions.sinceRound(asked.after()).best(queries, config.maxPapers(), asked.preferences());
        Selection selection = Selection.of(ranked, queries);
        Map<Long, Paper> papers = QuarkusTransaction.requiringNew()
                .call(() -> Paper.listByIds(selection.paperIds()).stream()
                        .collect(Collectors.toMap(p -> p.id, Function.identity())));
        DigestPeriod period =
                DigestPeriod.of(current.frequency, now.atZone(current.zone()).toLocalDate(), config.weeklyDay());
        Digest digest = composer.compose(Addressee.of(current), period, selection, papers, new PaperViews());
        return DigestMails.html(digest);
    }
}
