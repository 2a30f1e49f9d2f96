package dev.paperdigest.matching;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Match sessions kept for a while by a key that says which papers they index, so a set of papers
 * is indexed once for any number of requests instead of once per request. At most {@code kept}
 * sessions are held, the least recently used going first; a session older than the life it was
 * asked with is built again. Thread-safe: the first caller of a missing key builds it while the
 * others wait, so a burst of requests builds it once.
 *
 * @param <K> what identifies the papers of a session, including what changes when they change
 */
public final class KeptSessions<K> {

    private record Kept(MatchSession session, Instant until) {}

    private final PaperMatcher matcher;
    private final Clock clock;
    private final int kept;
    private final Map<K, Kept> sessions;

    public KeptSessions(PaperMatcher matcher, Clock clock, int kept) {
        this.matcher = matcher;
        this.clock = clock;
        this.kept = kept;
        this.sessions = new LinkedHashMap<>(kept + 1, 0.75f, true);
    }

    /** The session of {@code key}, indexing {@code papers} when there is none younger than {@code life}. */
    public synchronized MatchSession get(K key, Duration life, Supplier<? extends Collection<MatchablePaper>> papers) {
        Instant now = clock.instant();
        Kept entry = sessions.get(key);
        if (entry == null || now.isAfter(entry.until())) {
            entry = new Kept(matcher.index(papers.get(), now), now.plus(life));
            sessions.put(key, entry);
            while (sessions.size() > kept) {
                sessions.remove(sessions.keySet().iterator().next());
            }
        }
        return entry.session();
    }
}
