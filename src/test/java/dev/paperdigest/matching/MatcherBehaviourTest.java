package dev.paperdigest.matching;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatcherBehaviourTest {

    private static final PaperMatcher MATCHER = new LuceneMatcher();
    private static final List<MatchablePaper> SEEDS = SeedPapers.all();

    private static QueryHit hitOn(long paperId, QueryKind kind, String query) {
        return SeedPapers.hits(MATCHER, SEEDS, kind, query).stream().filter(h -> h.paperId() == paperId)
                .findFirst().orElseThrow(() -> new AssertionError(query + " should match paper " + paperId));
    }

    @Test
    void matchedTermsAreTheWordsAsThePaperWritesThem() {
        // paper 30: "8-bit Optimizers via Block-wise Quantization" ... "quantized" ... "quantization"
        assertEquals(List.of("Quantization", "quantized"), hitOn(30, QueryKind.KEYWORD, "quantize").matchedTerms());
        assertEquals(List.of("speculative decoding"), hitOn(350, QueryKind.KEYWORD, "\"speculative decoding\"").matchedTerms());
        assertEquals(List.of("speculative", "speculation", "speculated"),
                hitOn(350, QueryKind.KEYWORD, "speculat*").matchedTerms());
        assertEquals(List.of("naïvely"), hitOn(337, QueryKind.KEYWORD, "naively").matchedTerms());
        // excluded words and words of alternatives the paper lacks are never reported
        QueryHit hit = hitOn(341, QueryKind.KEYWORD, "(quantization OR lora) -diffusion");
        assertEquals(List.of("quantization", "quantizing", "quantize"), hit.matchedTerms());
    }

    @Test
    void theHighlighterMarksTheMatchedWords() {
        MatchablePaper paper = SEEDS.get(30);
        List<String> terms = hitOn(30, QueryKind.KEYWORD, "quantization").matchedTerms();
        List<String> marked = SnippetHighlighter.snippet(paper.abstractText(), terms, 2000).stream()
                .filter(SnippetHighlighter.Fragment::marked).map(SnippetHighlighter.Fragment::text)
                .map(String::toLowerCase).distinct().sorted().toList();
        assertEquals(List.of("quantization", "quantized"), marked);
    }

    @Test
    void scoresAreBm25WithTheTitleCountingDouble() {
        String filler = "We study a method and report results on several benchmarks with careful ablations.";
        List<MatchablePaper> papers = List.of(
                new MatchablePaper(1, "Quantization for transformers", filler, List.of(), List.of()),
                new MatchablePaper(2, "Methods for transformers", filler + " Quantization helps.", List.of(), List.of()),
                new MatchablePaper(3, "Methods for transformers", filler + " Quantization helps. Quantized models.", List.of(), List.of()),
                new MatchablePaper(4, "Methods for transformers", filler, List.of(), List.of()));
        Map<Long, Double> scores = new TreeMap<>();
        MATCHER.match(papers, List.of(new StoredQuery(1, 1, QueryKind.KEYWORD, "quantization")),
                h -> scores.put(h.paperId(), h.score()));
        assertEquals(Set.of(1L, 2L, 3L), scores.keySet());
        assertTrue(scores.get(1L) > scores.get(3L), "title hit beats abstract hits: " + scores);
        assertTrue(scores.get(3L) > scores.get(2L), "two occurrences beat one: " + scores);
        assertTrue(scores.get(2L) > 0);
        // a second word found adds to the score
        Map<Long, Double> two = new TreeMap<>();
        MATCHER.match(papers, List.of(new StoredQuery(1, 1, QueryKind.KEYWORD, "quantization OR ablations")),
                h -> two.put(h.paperId(), h.score()));
        assertTrue(two.get(2L) > scores.get(2L));
        assertEquals(Set.of(1L, 2L, 3L, 4L), two.keySet());
    }

    @Test
    void authorAndCategoryScoresAreFixed() {
        assertEquals(LuceneMatcher.AUTHOR_SCORE, hitOn(0, QueryKind.AUTHOR, "Tim Dettmers").score());
        assertEquals(LuceneMatcher.CATEGORY_SCORE, hitOn(1, QueryKind.CATEGORY, "cs.CL").score());
    }

    /** Many subscriptions sharing queries, run on one thread and on four: the same hits. */
    @Test
    void parallelAndDeduplicatedRunsGiveTheSameHitsAsOneThread() {
        List<String> keywords = List.of("quantization", "\"mixture of experts\"", "diffusion -image", "lora OR adapter*",
                "title:retrieval", "-vision", "sparse attention");
        List<StoredQuery> queries = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            QueryKind kind = QueryKind.values()[i % 3];
            String text = switch (kind) {
                case KEYWORD -> keywords.get(i % keywords.size());
                case AUTHOR -> i % 2 == 0 ? "Mike Lewis" : "Dettmers";
                case CATEGORY -> i % 2 == 0 ? "cs.CL" : "cs.*";
            };
            queries.add(new StoredQuery(i, i / 3, kind, text));
        }
        List<String> single = Collections.synchronizedList(new ArrayList<>());
        Set<Long> subscriptionsHit = new HashSet<>();
        new LuceneMatcher(1).match(SEEDS, queries, h -> {
            single.add(h.toString());
            subscriptionsHit.add(h.subscriptionId());
        });
        List<String> parallel = Collections.synchronizedList(new ArrayList<>());
        Set<String> threads = Collections.synchronizedSet(new HashSet<>());
        new LuceneMatcher(4).match(SEEDS, queries, h -> {
            parallel.add(h.toString());
            threads.add(Thread.currentThread().getName());
        });
        assertTrue(single.size() > 100_000, "a real workload: " + single.size());
        assertEquals(single.stream().sorted().toList(), parallel.stream().sorted().toList());
        assertTrue(threads.stream().allMatch(t -> t.startsWith("paper-matcher-")), threads.toString());
        // "-vision" was stored before the rules changed: it matches nothing rather than failing the run
        List<Long> stale = queries.stream().filter(q -> q.text().equals("-vision")).map(StoredQuery::subscriptionId).toList();
        assertTrue(stale.size() > 100);
        assertTrue(stale.stream().noneMatch(subscriptionsHit::contains));
    }

    @Test
    void hitsOfIdenticalQueriesAreIdentical() {
        List<StoredQuery> queries = List.of(new StoredQuery(1, 10, QueryKind.KEYWORD, "quantization"),
                new StoredQuery(2, 20, QueryKind.KEYWORD, "quantization"));
        Map<Long, List<String>> bySubscription = new TreeMap<>();
        MATCHER.match(SEEDS, queries, h -> bySubscription.computeIfAbsent(h.subscriptionId(), k -> new ArrayList<>())
                .add(h.paperId() + ":" + h.score() + ":" + h.matchedTerms()));
        assertEquals(bySubscription.get(1L), bySubscription.get(2L));
        assertEquals(SeedPapers.matchIds(MATCHER, SEEDS, QueryKind.KEYWORD, "quantization").size(), bySubscription.get(1L).size());
        assertTrue(bySubscription.get(1L).size() >= 12);
    }

    @Test
    void aFailingConsumerStopsTheRunWithItsOwnException() {
        List<StoredQuery> queries = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            queries.add(new StoredQuery(i, i, QueryKind.CATEGORY, "cs.*"));
        }
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> new LuceneMatcher(2).match(SEEDS, queries, h -> {
                    throw boom;
                }));
        assertSame(boom, thrown);
    }

    @Test
    void nothingToMatchGivesNoHits() {
        List<QueryHit> hits = new ArrayList<>();
        MATCHER.match(List.of(), List.of(new StoredQuery(1, 1, QueryKind.KEYWORD, "llm")), hits::add);
        MATCHER.match(SEEDS, List.of(), hits::add);
        MATCHER.match(List.of(new MatchablePaper(1, null, null, null, null)),
                List.of(new StoredQuery(1, 1, QueryKind.KEYWORD, "llm"), new StoredQuery(2, 1, QueryKind.AUTHOR, "Mike Lewis"),
                        new StoredQuery(3, 1, QueryKind.CATEGORY, "cs.*"), new StoredQuery(4, 1, null, null)), hits::add);
        List<MatchablePaper> withNull = new ArrayList<>(SEEDS.subList(0, 3));
        withNull.add(null);
        List<StoredQuery> queriesWithNull = new ArrayList<>();
        queriesWithNull.add(null);
        MATCHER.match(withNull, queriesWithNull, hits::add);
        assertEquals(List.of(), hits);
    }

    @Test
    void everyHitCarriesItsSubscriptionAndSubscriber() {
        List<QueryHit> hits = new ArrayList<>();
        MATCHER.match(SEEDS, List.of(new StoredQuery(77, 7, QueryKind.AUTHOR, "M. Lewis")), hits::add);
        assertEquals(Set.of(77L), hits.stream().map(QueryHit::subscriptionId).collect(Collectors.toSet()));
        assertEquals(Set.of(7L), hits.stream().map(QueryHit::subscriberId).collect(Collectors.toSet()));
        assertEquals(15, hits.size());
    }
}
