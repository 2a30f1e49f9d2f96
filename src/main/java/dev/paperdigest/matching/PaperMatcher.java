package dev.paperdigest.matching;

import java.time.Instant;
import java.util.Collection;

/** Matches papers against queries. The one seam between matching and the rest. */
public interface PaperMatcher {

    /**
     * Checks a query before it is stored.
     *
     * @return the query in its canonical form (trimmed, as it will be stored)
     * @throws InvalidQueryException with a message for the person who typed it
     */
    String validate(QueryKind kind, String text) throws InvalidQueryException;

    /**
     * Indexes a set of papers for matching; the session answers any number of queries, from any
     * number of threads, and ranks as of {@code now}.
     */
    MatchSession index(Collection<MatchablePaper> papers, Instant now);
}
