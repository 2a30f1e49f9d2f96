package dev.paperdigest.matching;

import java.util.Collection;
import java.util.function.Consumer;

/** Matches papers against stored subscription queries. The one seam between matching and the rest. */
public interface PaperMatcher {

    /**
     * Checks a query before it is stored.
     *
     * @return the query in its canonical form (trimmed, as it will be stored)
     * @throws InvalidQueryException with a message for the person who typed it
     */
    String validate(QueryKind kind, String text) throws InvalidQueryException;

    /** Runs every query against every paper, handing each hit to {@code hits} (possibly from several threads). */
    void match(Collection<MatchablePaper> papers, Collection<StoredQuery> queries, Consumer<QueryHit> hits);
}
