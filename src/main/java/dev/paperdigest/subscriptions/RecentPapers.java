package dev.paperdigest.subscriptions;

import dev.paperdigest.matching.KeptSessions;
import dev.paperdigest.matching.MatchSession;
import dev.paperdigest.matching.PaperMatcher;
import dev.paperdigest.papers.Paper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The papers of the last {@link #DAYS} days (those that arrived then, as digests would have
 * brought them; demo papers aside), indexed for matching once and kept until a paper arrives,
 * is stored again or leaves the window: a preview then costs one small query for the version
 * and the evaluation of its lines, not an index of a week of papers.
 */
@ApplicationScoped
public class RecentPapers {

    public static final int DAYS = 7;
    /** Ranking counts the age of papers from when the index was built; rebuilt at least this often anyway. */
    static final Duration LIFE = Duration.ofHours(1);

    private final Clock clock;
    private final KeptSessions<String> kept;

    public RecentPapers(PaperMatcher matcher, Clock clock) {
        this.clock = clock;
        this.kept = new KeptSessions<>(matcher, clock, 1);
    }

    public MatchSession session() {
        Instant since = clock.instant().minus(Duration.ofDays(DAYS));
        String version = QuarkusTransaction.requiringNew().call(() -> Paper.arrivalsVersion(since));
        return kept.get(
                version,
                LIFE,
                () -> QuarkusTransaction.requiringNew()
                        .call(() -> Paper.listArrivedSince(since).stream()
                                .map(MatchablePapers::of)
                                .toList()));
    }
}
