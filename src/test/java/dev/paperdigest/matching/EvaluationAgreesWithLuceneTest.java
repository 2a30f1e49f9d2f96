package dev.paperdigest.matching;

import dev.paperdigest.support.NoDatabase;
import org.apache.lucene.index.memory.MemoryIndex;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LuceneMatcher evaluates queries on cached per-word bitsets; here random queries of the whole
 * language must find exactly the papers that plain Lucene finds when the same query, as one
 * BooleanQuery, runs against each paper alone (a MemoryIndex per paper).
 */
@NoDatabase
class EvaluationAgreesWithLuceneTest {

    @Test
    void randomQueriesFindWhatPlainLuceneFinds() throws Exception {
        List<MatchablePaper> papers = SeedPapers.all();
        List<MemoryIndex> perPaper = new ArrayList<>();
        for (MatchablePaper paper : papers) {
            perPaper.add(MemoryIndex.fromDocument(SeedPapers.luceneDocument(paper), PaperAnalysis.ENGLISH.indexing));
        }
        List<String> words = List.of(
                "quantization",
                "sparse",
                "attention",
                "diffusion",
                "image",
                "retrieval",
                "decoding",
                "memory",
                "reasoning",
                "benchmark",
                "agents",
                "vision",
                "speech",
                "translation",
                "efficient",
                "training");
        List<String> prefixes = List.of("quantiz*", "retriev*", "reason*", "transl*", "efficien*");
        Random random = new Random(11);
        LuceneMatcher matcher = new LuceneMatcher();
        MatchSession session = matcher.index(papers, Instant.now()); // one index for all queries, as in a digest run
        int nonEmpty = 0;
        for (int i = 0; i < 400; i++) {
            String query = randomQuery(random, words, prefixes);
            String canonical;
            try {
                canonical = matcher.validate(QueryKind.KEYWORD, query);
            } catch (InvalidQueryException refused) {
                continue;
            }
            var lucene = KeywordQuery.toLucene(KeywordQuery.parse(canonical));
            Set<Long> expected = new TreeSet<>();
            for (int p = 0; p < papers.size(); p++) {
                if (perPaper.get(p).search(lucene) > 0) {
                    expected.add(papers.get(p).id());
                }
            }
            Set<Long> actual = new TreeSet<>();
            session.hits(new Query(QueryKind.KEYWORD, canonical)).forEach(h -> actual.add(h.paperId()));
            assertEquals(expected, actual, query);
            nonEmpty += expected.isEmpty() ? 0 : 1;
        }
        assertTrue(nonEmpty > 100, "too few queries matched anything: " + nonEmpty);
    }

    private static String randomQuery(Random random, List<String> words, List<String> prefixes) {
        List<String> items = new ArrayList<>();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            String item = switch (random.nextInt(6)) {
                case 0 -> "\"" + pick(random, words) + " " + pick(random, words) + "\"";
                case 1 -> pick(random, prefixes);
                case 2 -> pick(random, words) + " OR " + pick(random, words);
                case 3 -> "(" + pick(random, words) + " OR " + pick(random, prefixes) + ")";
                default -> pick(random, words);
            };
            if (random.nextInt(4) == 0) {
                item = (random.nextBoolean() ? "title:" : "abstract:") + item;
            }
            items.add(item);
        }
        if (random.nextInt(3) == 0) {
            items.add("-" + pick(random, words));
        }
        return String.join(" ", items);
    }

    private static String pick(Random random, List<String> list) {
        return list.get(random.nextInt(list.size()));
    }
}
