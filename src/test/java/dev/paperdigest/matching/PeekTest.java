package dev.paperdigest.matching;

import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Previews ask what queries nobody follows would match: the same answer as a digest's, and the session keeps none of it. */
@NoDatabase
class PeekTest {

    private static final PaperMatcher MATCHER = new LuceneMatcher();
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    @Test
    void peekingRanksAsBestDoesAndKeepsNothing() {
        MatchSession peeked = MATCHER.index(SeedPapers.all(), NOW);
        MatchSession kept = MATCHER.index(SeedPapers.all(), NOW);
        List<Query> queries = List.of(
                new Query(QueryKind.KEYWORD, "(quantization OR lora) -diffusion"),
                new Query(QueryKind.KEYWORD, "\"speculative decoding\" OR speculat*"),
                new Query(QueryKind.AUTHOR, "Tim Dettmers"),
                new Query(QueryKind.CATEGORY, "cs.*"));

        for (Query query : queries) {
            RankedPapers peek = peeked.peek(List.of(query), 5);
            RankedPapers best = kept.best(List.of(query), 5);
            assertTrue(peek.total() > 0, query + " matches some seed papers");
            assertEquals(best, peek, query.toString());
        }
        assertEquals(kept.best(queries, 10), peeked.peek(queries, 10));

        assertEquals(0, peeked.distinctQueries(), "no query result kept");
        assertEquals(0, peeked.keptLeaves(), "no word, phrase or prefix kept");
        assertTrue(kept.keptLeaves() > 0);
    }

    @Test
    void peekingUsesWhatTheSessionAlreadyKnowsAndSurvivesInvalidQueries() {
        MatchSession session = MATCHER.index(SeedPapers.all(), NOW);
        Query followed = new Query(QueryKind.KEYWORD, "quantization");
        RankedPapers best = session.best(List.of(followed), 3);
        int leaves = session.keptLeaves();

        assertEquals(best, session.peek(List.of(followed), 3));
        assertEquals(leaves, session.keptLeaves());
        assertEquals(RankedPapers.NONE, session.peek(List.of(new Query(QueryKind.KEYWORD, "\"unclosed")), 3));
        assertEquals(0, session.peek(List.of(followed), 0).top().size());
        assertEquals(best.total(), session.peek(List.of(followed), 0).total());
    }
}
