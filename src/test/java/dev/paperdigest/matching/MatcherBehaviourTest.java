package dev.paperdigest.matching;

import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@NoDatabase
class MatcherBehaviourTest {

    private static final PaperMatcher MATCHER = new LuceneMatcher();
    private static final List<MatchablePaper> SEEDS = SeedPapers.all();
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    private static QueryHit hitOn(long paperId, QueryKind kind, String query) {
        return SeedPapers.hits(MATCHER, SEEDS, kind, query).stream()
                .filter(h -> h.paperId() == paperId)
                .findFirst()
                .orElseThrow(() -> new AssertionError(query + " should match paper " + paperId));
    }

    @Test
    void matchedTermsAreTheWordsAsThePaperWritesThem() {
        // paper 30: "8-bit Optimizers via Block-wise Quantization" ... "optimizer" ... "quantized"
        assertEquals(
                List.of("Optimizers", "optimizer"),
                hitOn(30, QueryKind.KEYWORD, "optimizer").matchedTerms());
        assertEquals(
                List.of("Quantization", "quantized"),
                hitOn(30, QueryKind.KEYWORD, "quantiz*").matchedTerms());
        assertEquals(
                List.of("speculative decoding"),
                hitOn(350, QueryKind.KEYWORD, "\"speculative decoding\"").matchedTerms());
        assertEquals(
                List.of("speculative", "speculation", "speculated"),
                hitOn(350, QueryKind.KEYWORD, "speculat*").matchedTerms());
        assertEquals(
                List.of("naïvely"), hitOn(337, QueryKind.KEYWORD, "naively").matchedTerms());
        // excluded words and words of alternatives the paper lacks are never reported
        QueryHit hit = hitOn(341, QueryKind.KEYWORD, "(quantization OR quantize OR lora) -diffusion");
        assertEquals(List.of("quantization", "quantize"), hit.matchedTerms());
    }

    @Test
    void theHighlighterMarksTheMatchedWords() {
        MatchablePaper paper = SEEDS.get(30);
        assertEquals(List.of("quantization"), marked(paper, hitOn(30, QueryKind.KEYWORD, "quantization")));
        assertEquals(List.of("quantization", "quantized"), marked(paper, hitOn(30, QueryKind.KEYWORD, "quantiz*")));
    }

    @Test
    void aWordThatOnlySharesAStemIsNeitherFoundNorMarked() {
        MatchablePaper tokenization = new MatchablePaper(
                1,
                "Tokenization matters",
                "Tokenizations differ: our tokenizer splits text into tokens, and tokenization decides how many.",
                List.of(),
                List.of());
        MatchablePaper tokens = new MatchablePaper(
                2, "Long context", "We train on 2T tokens with a token budget.", List.of(), List.of());
        List<MatchablePaper> papers = List.of(tokenization, tokens);

        List<QueryHit> hits = SeedPapers.hits(MATCHER, papers, QueryKind.KEYWORD, "tokenization");
        assertEquals(List.of(1L), hits.stream().map(QueryHit::paperId).toList());
        assertEquals(List.of("Tokenization", "Tokenizations"), hits.get(0).matchedTerms());
        // "tokens" is not marked, nor "tokenizer", which this analysis does not take for a form of tokenization
        assertEquals(List.of("tokenizations", "tokenization"), marked(tokenization, hits.get(0)));

        // a prefix asks for every word that starts with it
        List<QueryHit> prefix = SeedPapers.hits(MATCHER, papers, QueryKind.KEYWORD, "tokeniz*");
        assertEquals(List.of(1L), prefix.stream().map(QueryHit::paperId).toList());
        assertEquals(List.of("tokenizations", "tokenizer", "tokenization"), marked(tokenization, prefix.get(0)));
        assertEquals(
                List.of(1L, 2L),
                SeedPapers.hits(MATCHER, papers, QueryKind.KEYWORD, "token*").stream()
                        .map(QueryHit::paperId)
                        .toList());
    }

    /** The words of the abstract that a digest marks for a hit, in lower case, in order. */
    private static List<String> marked(MatchablePaper paper, QueryHit hit) {
        return SnippetHighlighter.snippet(paper.abstractText(), hit.matchedTerms(), 2000).stream()
                .filter(SnippetHighlighter.Fragment::marked)
                .map(f -> f.text().toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
    }

    @Test
    void scoresAreBm25WithTheTitleCountingDouble() {
        String filler = "We study a method and report results on several benchmarks with careful ablations.";
        List<MatchablePaper> papers = List.of(
                new MatchablePaper(1, "Quantization for transformers", filler, List.of(), List.of()),
                new MatchablePaper(
                        2, "Methods for transformers", filler + " Quantization helps.", List.of(), List.of()),
                new MatchablePaper(
                        3,
                        "Methods for transformers",
                        filler + " Quantization helps. More quantization.",
                        List.of(),
                        List.of()),
                new MatchablePaper(4, "Methods for transformers", filler, List.of(), List.of()));
        Map<Long, Double> scores = scores(papers, "quantization");
        assertEquals(Set.of(1L, 2L, 3L), scores.keySet());
        assertTrue(scores.get(1L) > scores.get(3L), "title hit beats abstract hits: " + scores);
        assertTrue(scores.get(3L) > scores.get(2L), "two occurrences beat one: " + scores);
        assertTrue(scores.get(2L) > 0);
        // a second word found adds to the score
        Map<Long, Double> two = scores(papers, "quantization OR ablations");
        assertTrue(two.get(2L) > scores.get(2L));
        assertEquals(Set.of(1L, 2L, 3L, 4L), two.keySet());
    }

    private static Map<Long, Double> scores(List<MatchablePaper> papers, String keywords) {
        Map<Long, Double> scores = new TreeMap<>();
        MATCHER.index(papers, NOW)
                .hits(new Query(QueryKind.KEYWORD, keywords))
                .forEach(h -> scores.put(h.paperId(), h.score()));
        return scores;
    }

    @Test
    void authorAndCategoryScoresAreFixed() {
        assertEquals(
                QueryEvaluator.AUTHOR_SCORE,
                hitOn(0, QueryKind.AUTHOR, "Tim Dettmers").score());
        assertEquals(
                QueryEvaluator.CATEGORY_SCORE,
                hitOn(1, QueryKind.CATEGORY, "cs.CL").score());
    }

    @Test
    void theBestPapersSumTheirQueriesAndWeighUpvotesAndAge() {
        String text = "A study of sparse attention.";
        List<MatchablePaper> papers = List.of(
                new MatchablePaper(1, "Sparse attention", text, List.of("Ada Lovelace"), List.of("cs.CL"), 0, NOW),
                new MatchablePaper(2, "Sparse attention", text, List.of("Alan Turing"), List.of("cs.CL"), 0, NOW),
                new MatchablePaper(3, "Sparse attention", text, List.of("Alan Turing"), List.of("cs.CL"), 200, NOW),
                new MatchablePaper(
                        4,
                        "Sparse attention",
                        text,
                        List.of("Alan Turing"),
                        List.of("cs.CL"),
                        200,
                        NOW.minus(Duration.ofDays(28))),
                new MatchablePaper(
                        5,
                        "Protein folding",
                        "Nothing about it.",
                        List.of("Alan Turing"),
                        List.of("q-bio.BM"),
                        0,
                        NOW));
        List<Query> queries = List.of(
                new Query(QueryKind.KEYWORD, "sparse attention"),
                new Query(QueryKind.AUTHOR, "Ada Lovelace"),
                new Query(QueryKind.CATEGORY, "cs.CL"));

        RankedPapers best = MATCHER.index(papers, NOW).best(queries, 3);

        // 1: three queries hit it; 3: two hit it, and 200 upvotes; 2: the same without upvotes;
        // 4: as 3, but four weeks old (half-life one week); 5: no query hits it
        assertEquals(
                List.of(1L, 3L, 2L),
                best.top().stream().map(RankedPapers.Ranked::paperId).toList());
        assertEquals(4, best.total());
        assertEquals(1, best.moreCount());
        assertEquals(List.of(0, 1, 2), best.top().get(0).queries());
        assertEquals(List.of(0, 2), best.top().get(1).queries());
        assertEquals(
                List.of("Sparse", "attention", "Ada Lovelace", "cs.CL"),
                best.top().get(0).matchedTerms());
        assertTrue(best.top().get(0).rank() > best.top().get(1).rank()
                && best.top().get(1).rank() > best.top().get(2).rank());
        double relevance = best.top().get(2).rank();
        assertEquals(
                relevance * Ranking.weight(200, NOW, NOW), best.top().get(1).rank(), 1e-9);
    }

    @Test
    void equalRanksGoToTheLowerPaperId() {
        List<MatchablePaper> papers = new ArrayList<>();
        for (long id = 20; id > 0; id--) {
            papers.add(new MatchablePaper(id, "A paper", "Text.", List.of(), List.of("cs.LG"), null, NOW));
        }
        RankedPapers best = MATCHER.index(papers, NOW).best(List.of(new Query(QueryKind.CATEGORY, "cs.LG")), 5);
        assertEquals(
                List.of(1L, 2L, 3L, 4L, 5L),
                best.top().stream().map(RankedPapers.Ranked::paperId).toList());
        assertEquals(20, best.total());
    }

    @Test
    void theNewestPapersComeByPublicationWhateverTheirRank() {
        String text = "A study of sparse attention.";
        List<MatchablePaper> papers = List.of(
                new MatchablePaper(
                        1, "Sparse attention", text, List.of(), List.of("cs.CL"), 500, NOW.minus(Duration.ofDays(3))),
                new MatchablePaper(2, "Sparse attention", text, List.of(), List.of("cs.CL"), 0, NOW),
                new MatchablePaper(3, "Sparse attention", text, List.of(), List.of("cs.CL"), 0, null),
                new MatchablePaper(
                        4, "Sparse attention", text, List.of(), List.of("cs.CL"), 0, NOW.minus(Duration.ofDays(1))),
                new MatchablePaper(5, "Sparse attention", text, List.of(), List.of("cs.CL"), 0, NOW),
                new MatchablePaper(6, "Protein folding", "Nothing about it.", List.of(), List.of("q-bio.BM"), 0, NOW));
        List<Query> queries = List.of(new Query(QueryKind.KEYWORD, "sparse attention"));
        MatchSession session = MATCHER.index(papers, NOW);

        RankedPapers newest = session.newest(queries, 10);

        // 2 and 5 share the newest date (the higher id first); 1 is the best ranked but three days old; 3 has no date
        assertEquals(
                List.of(5L, 2L, 4L, 1L, 3L),
                newest.top().stream().map(RankedPapers.Ranked::paperId).toList());
        assertEquals(List.of(0), newest.top().get(0).queries());
        assertEquals(List.of("Sparse", "attention"), newest.top().get(0).matchedTerms());
        assertEquals(
                List.of(5L, 2L),
                session.newest(queries, 2).top().stream()
                        .map(RankedPapers.Ranked::paperId)
                        .toList());
        assertEquals(5, session.newest(queries, 2).total());
        assertEquals(RankedPapers.NONE, session.newest(List.of(new Query(QueryKind.KEYWORD, "quokka")), 10));
    }

    @Test
    void theSameQueriesRankTheSameFromManyThreadsAtOnce() throws Exception {
        MatchSession session = MATCHER.index(SEEDS, NOW);
        List<List<Query>> people = new ArrayList<>();
        List<String> keywords = List.of(
                "quantization",
                "\"mixture of experts\"",
                "diffusion -image",
                "lora OR adapter*",
                "title:retrieval",
                "sparse attention");
        for (int i = 0; i < 3_000; i++) {
            people.add(List.of(
                    new Query(QueryKind.KEYWORD, keywords.get(i % keywords.size())),
                    new Query(QueryKind.AUTHOR, i % 2 == 0 ? "Mike Lewis" : "Dettmers"),
                    new Query(QueryKind.CATEGORY, i % 3 == 0 ? "cs.CL" : "cs.*")));
        }
        MatchSession oneThread = MATCHER.index(SEEDS, NOW);
        List<RankedPapers> alone =
                people.stream().map(q -> oneThread.best(q, 25)).toList();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<RankedPapers>> together = new ArrayList<>();
            for (List<Query> queries : people) {
                together.add(threads.submit(() -> session.best(queries, 25)));
            }
            for (int i = 0; i < people.size(); i++) {
                assertEquals(alone.get(i), together.get(i).get());
            }
        } finally {
            threads.shutdown();
        }
        assertTrue(
                alone.get(0).total() > 25, "a broad category: " + alone.get(0).total());
        assertEquals(keywords.size() + 2 + 2, session.distinctQueries(), "each distinct query is evaluated once");
    }

    @Test
    void aStoredQueryThatNoLongerValidatesMatchesNothing() {
        MatchSession session = MATCHER.index(SEEDS, NOW);
        // "-vision" was stored before the rules changed: it matches nothing rather than failing the digest
        RankedPapers best = session.best(
                List.of(new Query(QueryKind.KEYWORD, "-vision"), new Query(QueryKind.AUTHOR, "Mike Lewis")), 25);
        assertEquals(15, best.total());
        assertTrue(best.top().stream().allMatch(r -> r.queries().equals(List.of(1))));
        assertEquals(1, session.refusedQueries());
    }

    @Test
    void nothingToMatchGivesNoHits() {
        assertEquals(
                RankedPapers.NONE,
                MATCHER.index(List.of(), NOW).best(List.of(new Query(QueryKind.KEYWORD, "llm")), 25));
        assertEquals(RankedPapers.NONE, MATCHER.index(SEEDS, NOW).best(List.of(), 25));
        List<MatchablePaper> withNull = new ArrayList<>(SEEDS.subList(0, 3));
        withNull.add(null);
        withNull.add(new MatchablePaper(99, null, null, null, null));
        MatchSession session = MATCHER.index(withNull, NOW);
        List<Query> queries = new ArrayList<>(List.of(
                new Query(QueryKind.KEYWORD, "llm"),
                new Query(QueryKind.AUTHOR, "Mike Lewis"),
                new Query(QueryKind.CATEGORY, "cs.*"),
                new Query(null, null)));
        queries.add(null);
        assertEquals(
                0,
                session.best(queries, 25).top().stream()
                        .filter(r -> r.paperId() == 99)
                        .count());
        assertEquals(2, session.refusedQueries());
    }
}
