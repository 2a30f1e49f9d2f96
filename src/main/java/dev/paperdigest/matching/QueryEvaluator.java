package dev.paperdigest.matching;

import dev.paperdigest.matching.KeywordQuery.And;
import dev.paperdigest.matching.KeywordQuery.Leaf;
import dev.paperdigest.matching.KeywordQuery.Node;
import dev.paperdigest.matching.KeywordQuery.Or;
import dev.paperdigest.matching.PaperAnalysis.Token;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.FixedBitSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Finds the papers of a {@link DayIndex} that one query matches, with a relevance score each: a
 * keyword query combines the bitsets of its words, phrases and prefixes (each searched once by the
 * index, with BM25), words being stemmed once through a cache; an author or category hit scores a
 * constant; papers like a liked one are found by {@link SimilarityIndex}. Thread-safe. An
 * evaluator that does not {@code keep} adds nothing to the index or to its own caches, so queries
 * nobody follows (previews of what someone is typing) cannot grow them; the day's similarity
 * vectors, built once for the first liked paper, grow with the papers, not with the queries.
 */
final class QueryEvaluator {

    /** Relevance of an author hit: a followed author's paper should rank near the top. */
    static final double AUTHOR_SCORE = 8.0;
    /** Relevance of a category hit: broad, so below a good keyword hit. */
    static final double CATEGORY_SCORE = 1.0;

    /** Words a similar paper shares with the liked one, highlighted in its snippet. */
    static final int SHARED_WORDS_SHOWN = 8;

    private final DayIndex day;
    private final boolean keep;
    private final Map<String, List<Token>> stems = new ConcurrentHashMap<>();

    QueryEvaluator(DayIndex day) {
        this(day, true);
    }

    QueryEvaluator(DayIndex day, boolean keep) {
        this.day = day;
        this.keep = keep;
    }

    QueryResult evaluate(Query query) throws InvalidQueryException {
        String text = query.text();
        return switch (query.kind()) {
            case KEYWORD -> keyword(KeywordQuery.parse(text, this::stem));
            case AUTHOR -> author(text);
            case CATEGORY -> category(ArxivCategories.validate(text));
            case SIMILAR -> similar(query.liked());
        };
    }

    /** Papers like the liked one; nothing while it is not known. */
    private QueryResult similar(LikedPaper liked) {
        if (liked == null || day.size() == 0) {
            return QueryResult.NONE;
        }
        return day.similarity()
                .similarTo(liked, day.analysis, (stems, ord) -> day.surfacesOf(stems, ord, SHARED_WORDS_SHOWN));
    }

    private List<Token> stem(String text) {
        List<Token> tokens = stems.get(text);
        if (tokens == null) {
            tokens = List.copyOf(day.analysis.terms(text));
            if (keep) {
                stems.putIfAbsent(text, tokens);
            }
        }
        return tokens;
    }

    /** Where a keyword query's leaves come from: the index's cache, or one of this evaluation only. */
    private Function<Leaf, DayIndex.LeafResult> leafSource() {
        if (keep) {
            return day::leaf;
        }
        Map<String, DayIndex.LeafResult> searched = new HashMap<>();
        return leaf -> searched.computeIfAbsent(leaf.key(), key -> day.leafWithoutKeeping(leaf));
    }

    private QueryResult keyword(Node query) {
        Function<Leaf, DayIndex.LeafResult> leaves = leafSource();
        FixedBitSet bits = bits(query, leaves);
        int count = bits.cardinality();
        if (count == 0) {
            return QueryResult.NONE;
        }
        List<Leaf> positive = new ArrayList<>();
        KeywordQuery.positiveLeaves(query, positive);
        List<DayIndex.LeafResult> found = new ArrayList<>(positive.size());
        for (Leaf leaf : positive) {
            found.add(leaves.apply(leaf));
        }
        int[] ords = new int[count];
        double[] scores = new double[count];
        int i = 0;
        for (int ord = bits.nextSetBit(0);
                ord != DocIdSetIterator.NO_MORE_DOCS;
                ord = ord + 1 < bits.length() ? bits.nextSetBit(ord + 1) : DocIdSetIterator.NO_MORE_DOCS) {
            double score = 0;
            for (DayIndex.LeafResult leaf : found) {
                score += leaf.score(ord);
            }
            ords[i] = ord;
            scores[i++] = score;
        }
        return new QueryResult(ords, scores, ord -> {
            Map<String, String> terms = new LinkedHashMap<>();
            for (DayIndex.LeafResult leaf : found) {
                if (leaf.bits.get(ord)) {
                    for (String term : leaf.surfaces(ord)) {
                        terms.putIfAbsent(TextFolding.fold(term), term);
                    }
                }
            }
            return List.copyOf(terms.values());
        });
    }

    /** The papers matching a query; leaf bitsets are shared, so never modified. */
    private FixedBitSet bits(Node node, Function<Leaf, DayIndex.LeafResult> leaves) {
        if (node instanceof Leaf leaf) {
            return leaves.apply(leaf).bits;
        }
        if (node instanceof Or or) {
            FixedBitSet any = new FixedBitSet(Math.max(1, day.size()));
            for (Node alternative : or.any()) {
                any.or(bits(alternative, leaves));
            }
            return any;
        }
        And and = (And) node;
        FixedBitSet all = bits(and.must().get(0), leaves).clone();
        for (int i = 1; i < and.must().size() && all.cardinality() > 0; i++) {
            all.and(bits(and.must().get(i), leaves));
        }
        for (Node excluded : and.mustNot()) {
            if (all.cardinality() == 0) {
                break;
            }
            all.andNot(bits(excluded, leaves));
        }
        return all;
    }

    private QueryResult author(String text) {
        AuthorName wanted = AuthorName.parse(text);
        List<DayIndex.AuthorEntry> candidates = wanted == null ? null : day.authorsBySurname.get(wanted.surname());
        if (candidates == null) {
            return QueryResult.NONE;
        }
        TreeMap<Integer, List<String>> byPaper = new TreeMap<>();
        for (DayIndex.AuthorEntry entry : candidates) {
            if (wanted.designates(entry.name())) {
                byPaper.computeIfAbsent(entry.ord(), o -> new ArrayList<>()).add(entry.asWritten());
            }
        }
        if (byPaper.isEmpty()) {
            return QueryResult.NONE;
        }
        int[] ords = new int[byPaper.size()];
        double[] scores = new double[byPaper.size()];
        int i = 0;
        for (int ord : byPaper.keySet()) {
            ords[i] = ord;
            scores[i++] = AUTHOR_SCORE;
        }
        return new QueryResult(ords, scores, ord -> List.copyOf(byPaper.getOrDefault(ord, List.of())));
    }

    private QueryResult category(String subscription) {
        List<Integer> matching = new ArrayList<>();
        for (int ord = 0; ord < day.size(); ord++) {
            for (String category : day.categories.get(ord)) {
                if (ArxivCategories.covers(subscription, category)) {
                    matching.add(ord);
                    break;
                }
            }
        }
        if (matching.isEmpty()) {
            return QueryResult.NONE;
        }
        int[] ords = matching.stream().mapToInt(Integer::intValue).toArray();
        double[] scores = new double[ords.length];
        Arrays.fill(scores, CATEGORY_SCORE);
        return new QueryResult(
                ords,
                scores,
                ord -> day.categories.get(ord).stream()
                        .filter(category -> ArxivCategories.covers(subscription, category))
                        .toList());
    }
}
