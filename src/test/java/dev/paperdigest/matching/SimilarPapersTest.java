package dev.paperdigest.matching;

import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Papers like this one": what a liked paper finds among the day's papers. */
@NoDatabase
class SimilarPapersTest {

    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    private static final MatchablePaper LIKED = paper(
            1,
            "Speculative decoding with draft models for faster LLM inference",
            "We accelerate autoregressive decoding of large language models with speculative decoding: a small"
                    + " draft model proposes tokens that the target model verifies in parallel, giving a 2x speedup"
                    + " in inference latency without changing the output distribution.");
    private static final MatchablePaper SIMILAR = paper(
            2,
            "Tree-based speculative decoding accelerates LLM inference",
            "Speculative decoding lets a draft model propose several tokens which the large language model"
                    + " verifies at once. We organise draft tokens in a tree and reduce inference latency further.");
    private static final MatchablePaper UNRELATED = paper(
            3,
            "Protein structure prediction from single sequences",
            "We predict the three-dimensional structure of proteins from a single amino acid sequence with a"
                    + " geometric network trained on crystallographic data.");
    private static final MatchablePaper ALSO_UNRELATED = paper(
            4,
            "Reinforcement learning for robotic grasping in clutter",
            "A robot arm learns to grasp objects from cluttered bins with deep reinforcement learning and"
                    + " simulated-to-real transfer.");

    private static MatchablePaper paper(long id, String title, String abstractText) {
        return new MatchablePaper(id, title, abstractText, List.of("A. Author"), List.of("cs.CL"), null, NOW);
    }

    private static LikedPaper liked(MatchablePaper paper) {
        return new LikedPaper(paper.id(), paper.title(), paper.abstractText());
    }

    private static Set<Long> found(MatchSession session, MatchablePaper liked) {
        return session.hits(Query.similarTo("2401.00001", liked(liked))).stream()
                .map(QueryHit::paperId)
                .collect(Collectors.toSet());
    }

    @Test
    void aSimilarPaperMatchesAndAnUnrelatedOneDoesNot() {
        MatchSession session = new LuceneMatcher().index(List.of(SIMILAR, UNRELATED, ALSO_UNRELATED), NOW);
        assertEquals(Set.of(2L), found(session, LIKED));
    }

    @Test
    void theLikedPaperItselfIsNeverSimilar() {
        MatchSession session = new LuceneMatcher().index(List.of(LIKED, SIMILAR, UNRELATED, ALSO_UNRELATED), NOW);
        Set<Long> found = found(session, LIKED);
        assertFalse(found.contains(1L), "the liked paper is among the day's papers, yet not reported: " + found);
        assertTrue(found.contains(2L));
    }

    @Test
    void aSimilarPaperShowsTheWordsItShares() {
        MatchSession session = new LuceneMatcher().index(List.of(SIMILAR, UNRELATED), NOW);
        QueryHit hit = session.hits(Query.similarTo("2401.00001", liked(LIKED))).get(0);
        assertTrue(
                hit.matchedTerms().contains("speculative") || hit.matchedTerms().contains("Speculative"),
                "shared words as written: " + hit.matchedTerms());
        assertTrue(hit.score() > 0);
    }

    @Test
    void anUnknownLikedPaperMatchesNothingAndIsNotAnError() {
        MatchSession session = new LuceneMatcher().index(List.of(SIMILAR, UNRELATED), NOW);
        assertTrue(session.hits(Query.similarTo("2401.99999", null)).isEmpty());
        assertEquals(0, session.refusedQueries());
    }

    @Test
    void oneLikedPaperIsSearchedOncePerSessionForEveryoneWhoLikesIt() {
        MatchSession session = new LuceneMatcher().index(List.of(SIMILAR, UNRELATED, ALSO_UNRELATED), NOW);
        Query query = Query.similarTo("2401.00001", liked(LIKED));
        for (int person = 0; person < 50; person++) {
            RankedPapers best = session.best(List.of(query, new Query(QueryKind.CATEGORY, "cs.CL")), 10);
            assertEquals(2L, best.top().get(0).paperId(), "the similar paper ranks above the category's others");
        }
        assertEquals(2, session.distinctQueries());
    }

    @Test
    void aPreviewOfALikedPaperKeepsNothing() {
        MatchSession session = new LuceneMatcher().index(List.of(SIMILAR, UNRELATED), NOW);
        RankedPapers peeked = session.peek(List.of(Query.similarTo("2401.00001", liked(LIKED))), 3);
        assertEquals(1, peeked.total());
        assertEquals(0, session.distinctQueries());
    }

    @Test
    void theMatcherAcceptsAnyKeyForALikedPaper() throws InvalidQueryException {
        assertEquals("2401.01234", new LuceneMatcher().validate(QueryKind.SIMILAR, " 2401.01234 "));
    }
}
