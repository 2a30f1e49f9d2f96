package dev.paperdigest.digests;

import dev.paperdigest.common.PublicLinks;
import dev.paperdigest.matching.Query;
import dev.paperdigest.matching.RankedPapers;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.subscriptions.Subscriber;
import dev.paperdigest.subscriptions.Subscription;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A subscriber's Atom feed: the papers their queries match among those that entered matching in
 * the last {@link #WINDOW} (and those no digest run has taken in yet), newest first, at most
 * {@link #MAX_ENTRIES}.
 *
 * <p>The papers are found as {@code /digest/preview} finds them, by running the person's current
 * queries against the papers in matching ({@link MatchSessions}), not by reading back what the
 * digests of those days selected. So the feed holds every match: also those a digest counted but
 * did not show ("and 12 more"), those of a weekly digest not sent yet, those of a digest that
 * failed to send, and those of someone who only reads the feed; it follows what the person
 * follows now; and it does not shrink when sent digests are cleaned up ({@code retention.keep}).
 *
 * <p>The feed carries no manage or unsubscribe link: feed readers, and the services behind them,
 * keep and share feed addresses, so the feed link grants reading and nothing more.
 */
@ApplicationScoped
public class PersonalFeeds {

    static final Duration WINDOW = Duration.ofDays(30);
    static final int MAX_ENTRIES = 100;

    private final MatchSessions sessions;
    private final PublicLinks links;
    private final Clock clock;

    public PersonalFeeds(MatchSessions sessions, PublicLinks links, Clock clock) {
        this.sessions = sessions;
        this.links = links;
        this.clock = clock;
    }

    private record Asked(List<Query> queries, long afterRound) {}

    /** The feed of a subscriber, reached with {@code token}. */
    AtomFeed feed(Subscriber subscriber, String token) {
        Instant now = clock.instant();
        Asked asked = QuarkusTransaction.requiringNew()
                .call(() -> new Asked(
                        Subscription.queriesOf(List.of(subscriber.id)).getOrDefault(subscriber.id, List.of()),
                        Paper.latestRoundBefore(now.minus(WINDOW))));
        RankedPapers newest = sessions.sinceRound(asked.afterRound()).newest(asked.queries(), MAX_ENTRIES);
        List<Long> ids = newest.top().stream().map(RankedPapers.Ranked::paperId).toList();
        Map<Long, Paper> papers = ids.isEmpty()
                ? Map.of()
                : QuarkusTransaction.requiringNew()
                        .call(() -> Paper.listByIds(ids).stream()
                                .collect(Collectors.toMap(p -> p.id, Function.identity())));
        List<AtomFeed.Entry> entries = new ArrayList<>(ids.size());
        for (long id : ids) {
            Paper paper = papers.get(id);
            if (paper != null && paper.arxivUrl() != null) {
                entries.add(entry(paper));
            }
        }
        Instant updated = entries.stream()
                .map(AtomFeed.Entry::updated)
                .max(Instant::compareTo)
                .orElse(subscriber.createdAt != null ? subscriber.createdAt : now);
        return new AtomFeed(
                links.to("/feed/" + subscriber.publicId),
                "Paper Digest: papers for you",
                "New papers matching the keywords, authors and categories you follow, from the last 30 days.",
                updated,
                links.withToken("/feed", token),
                links.to("/"),
                entries);
    }

    private static AtomFeed.Entry entry(Paper paper) {
        Instant published = paper.publishedAt != null ? paper.publishedAt : paper.firstSeenAt;
        Instant updated = paper.updatedAt != null && paper.updatedAt.isAfter(published) ? paper.updatedAt : published;
        return new AtomFeed.Entry(
                paper.arxivUrl(),
                paper.title,
                published,
                updated,
                paper.authors,
                paper.abstractText,
                paper.categories,
                paper.pdfUrl());
    }
}
