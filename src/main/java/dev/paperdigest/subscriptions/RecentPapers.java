package dev.paperdigest.subscriptions;

import dev.paperdigest.common.CachedValue;
import dev.paperdigest.matching.KeptSessions;
import dev.paperdigest.matching.MatchSession;
import dev.paperdigest.matching.PaperMatcher;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.papers.PapersChanged;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The papers of the last {@link #DAYS} days (those that arrived then, as digests would have
 * brought them; demo papers aside), indexed for matching once and kept until a paper arrives,
 * is stored again or leaves the window: a preview then costs the evaluation of its lines, not an
 * index of a week of papers. Papers this process stores show at once; whether others (another
 * replica) stored some, or some left the window, is read from the database at most every
 * {@link #CHECK_EVERY}, not on every preview.
 */
@ApplicationScoped
public class RecentPapers {

    public static final int DAYS = 7;
    /** Ranking counts the age of papers from when the index was built; rebuilt at least this often anyway. */
    static final Duration LIFE = Duration.ofHours(1);

    static final Duration CHECK_EVERY = Duration.ofSeconds(5);

    private final Clock clock;
    private final KeptSessions<String> kept;
    private final CachedValue<String> version;

    public RecentPapers(PaperMatcher matcher, Clock clock) {
        this.clock = clock;
        this.kept = new KeptSessions<>(matcher, clock, 1);
        this.version = new CachedValue<>(
                () -> QuarkusTransaction.requiringNew().call(() -> Paper.arrivalsVersion(since())), CHECK_EVERY);
    }

    public MatchSession session() {
        Instant since = since();
        return kept.get(
                version.get(),
                LIFE,
                () -> QuarkusTransaction.requiringNew()
                        .call(() -> Paper.listArrivedSince(since).stream()
                                .map(MatchablePapers::of)
                                .toList()));
    }

    void papersChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) PapersChanged event) {
        version.invalidate();
    }

    private Instant since() {
        return clock.instant().minus(Duration.ofDays(DAYS));
    }
}
