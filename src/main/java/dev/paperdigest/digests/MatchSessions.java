package dev.paperdigest.digests;

import dev.paperdigest.matching.KeptSessions;
import dev.paperdigest.matching.MatchSession;
import dev.paperdigest.matching.PaperMatcher;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.subscriptions.MatchablePapers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Match sessions over the papers of a range of match rounds, kept for a while: a digest run asks
 * for the same few ranges a million times, and previews would otherwise index the day's papers
 * on every request. A few sessions at most are kept ({@link KeptSessions}).
 */
@ApplicationScoped
public class MatchSessions {

    static final int KEPT = 4;
    /**
     * A range of closed rounds does not change (upvotes aside); one that includes papers not in a
     * round yet is kept while no paper arrives, and only briefly.
     */
    static final Duration CLOSED_RANGE_LIFE = Duration.ofMinutes(30);

    static final Duration OPEN_RANGE_LIFE = Duration.ofMinutes(1);

    /** {@code version}: what the papers of an open range looked like ({@link Paper#unmatchedVersion()}). */
    private record Key(long after, long through, String version) {}

    private final KeptSessions<Key> kept;

    public MatchSessions(PaperMatcher matcher, Clock clock) {
        this.kept = new KeptSessions<>(matcher, clock, KEPT);
    }

    /** The papers of the rounds after {@code after} up to {@code through}. */
    public MatchSession ofRounds(long after, long through) {
        return get(new Key(after, through, ""), CLOSED_RANGE_LIFE, () -> Paper.listOfRounds(after, through));
    }

    /** The papers of the rounds after {@code after} and those no round has taken yet: what a digest would hold now. */
    public MatchSession sinceRound(long after) {
        String version = QuarkusTransaction.requiringNew().call(Paper::unmatchedVersion);
        return get(new Key(after, Long.MAX_VALUE, version), OPEN_RANGE_LIFE, () -> Paper.listSinceRound(after));
    }

    private MatchSession get(Key key, Duration life, Supplier<List<Paper>> papers) {
        return kept.get(
                key,
                life,
                () -> QuarkusTransaction.requiringNew()
                        .call(() ->
                                papers.get().stream().map(MatchablePapers::of).toList()));
    }
}
