package dev.paperdigest.matching;

import dev.paperdigest.matching.KeywordQuery.And;
import dev.paperdigest.matching.KeywordQuery.Leaf;
import dev.paperdigest.matching.KeywordQuery.Node;
import dev.paperdigest.matching.KeywordQuery.Or;
import dev.paperdigest.matching.PaperAnalysis.Token;
import dev.paperdigest.matching.RankedPapers.Ranked;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.FixedBitSet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A set of papers indexed for matching ({@link DayIndex}), answering queries as of one moment.
 * Each distinct query text is evaluated once and its result kept, since many people follow the
 * same queries; a keyword query combines per-word bitsets of the papers that are each searched
 * once with BM25, and words are stemmed once through a cache. Thread-safe: any number of threads
 * may ask at once. A stored query that no longer validates matches nothing and is counted in
 * {@link #refusedQueries()} instead of failing the caller.
 */
public final class MatchSession {

    /** Relevance of an author hit: a followed author's paper should rank near the top. */
    static final double AUTHOR_SCORE = 8.0;
    /** Relevance of a category hit: broad, so below a good keyword hit. */
    static final double CATEGORY_SCORE = 1.0;

    private final DayIndex day;
    /** {@link Ranking#weight} of each paper, by ordinal. */
    private final double[] weights;
    private final Map<QueryKind, Map<String, QueryResult>> results = new EnumMap<>(QueryKind.class);
    private final Map<String, List<Token>> stems = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final ThreadLocal<Scratch> scratch;

    MatchSession(DayIndex day, Instant now) {
        this.day = day;
        this.weights = new double[day.size()];
        for (int ord = 0; ord < day.size(); ord++) {
            MatchablePaper paper = day.papers[ord];
            weights[ord] = Ranking.weight(paper.upvotes(), paper.publishedAt(), now);
        }
        for (QueryKind kind : QueryKind.values()) {
            results.put(kind, new ConcurrentHashMap<>());
        }
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(day.size()));
    }

    /** Papers in the session. */
    public int size() {
        return day.size();
    }

    /** Stored queries met so far that no longer pass validation (they matched nothing). */
    public long refusedQueries() {
        return refused.get();
    }

    /** Every paper one query matches, in the order of the papers given to the session. */
    public List<QueryHit> hits(Query query) {
        QueryResult result = result(query);
        List<QueryHit> hits = new ArrayList<>(result.size());
        for (int i = 0; i < result.size(); i++) {
            int ord = result.ords[i];
            hits.add(new QueryHit(day.papers[ord].id(), result.scores[i], result.termsAt(i)));
        }
        return hits;
    }

    /**
     * The {@code limit} best papers for one person's queries: a paper's relevance is the sum of
     * its scores over the queries that match it, then {@link Ranking} weighs in upvotes and age.
     * Ties go to the lower paper id, so the order is stable.
     */
    public RankedPapers best(List<Query> queries, int limit) {
        if (queries.isEmpty() || day.size() == 0) {
            return RankedPapers.NONE;
        }
        QueryResult[] found = new QueryResult[queries.size()];
        Scratch s = scratch.get();
        s.next();
        for (int q = 0; q < found.length; q++) {
            found[q] = result(queries.get(q));
            QueryResult r = found[q];
            for (int i = 0; i < r.size(); i++) {
                s.add(r.ords[i], r.scores[i]);
            }
        }
        if (s.count == 0) {
            return RankedPapers.NONE;
        }
        int[] chosen = s.best(Math.max(0, limit), weights, day);
        List<Ranked> top = new ArrayList<>(chosen.length);
        for (int ord : chosen) {
            List<Integer> matchedQueries = new ArrayList<>(2);
            List<List<String>> termLists = new ArrayList<>(2);
            for (int q = 0; q < found.length; q++) {
                int at = found[q].indexOf(ord);
                if (at >= 0) {
                    matchedQueries.add(q);
                    termLists.add(found[q].termsAt(at));
                }
            }
            top.add(new Ranked(day.papers[ord].id(), s.score[ord] * weights[ord], List.copyOf(matchedQueries),
                    termLists.size() == 1 ? termLists.get(0) : merged(termLists)));
        }
        return new RankedPapers(List.copyOf(top), s.count);
    }

    /** The words of several queries, each once whatever its case, in order of appearance. */
    private static List<String> merged(List<List<String>> termLists) {
        Map<String, String> terms = new LinkedHashMap<>();
        for (List<String> list : termLists) {
            for (String term : list) {
                terms.putIfAbsent(term.toLowerCase(Locale.ROOT), term);
            }
        }
        return List.copyOf(terms.values());
    }

    QueryResult result(Query query) {
        if (query == null || query.kind() == null || query.text() == null) {
            refused.incrementAndGet();
            return QueryResult.NONE;
        }
        Map<String, QueryResult> cache = results.get(query.kind());
        QueryResult cached = cache.get(query.text());
        if (cached == null) {
            cached = evaluate(query.kind(), query.text());
            QueryResult raced = cache.putIfAbsent(query.text(), cached);
            cached = raced != null ? raced : cached;
        }
        return cached;
    }

    /** Distinct query texts evaluated so far. */
    int distinctQueries() {
        return results.values().stream().mapToInt(Map::size).sum();
    }

    private QueryResult evaluate(QueryKind kind, String text) {
        try {
            return switch (kind) {
                case KEYWORD -> keyword(KeywordQuery.parse(text, this::stem));
                case AUTHOR -> author(text);
                case CATEGORY -> category(ArxivCategories.validate(text));
            };
        } catch (InvalidQueryException e) {
            refused.incrementAndGet();
            return QueryResult.NONE;
        }
    }

    private List<Token> stem(String text) {
        List<Token> tokens = stems.get(text);
        if (tokens == null) {
            tokens = List.copyOf(PaperAnalysis.tokens(PaperAnalysis.STEMMED, text));
            stems.putIfAbsent(text, tokens);
        }
        return tokens;
    }

    private QueryResult keyword(Node query) {
        FixedBitSet bits = bits(query);
        int count = bits.cardinality();
        if (count == 0) {
            return QueryResult.NONE;
        }
        List<Leaf> positive = new ArrayList<>();
        KeywordQuery.positiveLeaves(query, positive);
        List<DayIndex.LeafResult> leaves = new ArrayList<>(positive.size());
        for (Leaf leaf : positive) {
            leaves.add(day.leaf(leaf));
        }
        int[] ords = new int[count];
        double[] scores = new double[count];
        int i = 0;
        for (int ord = bits.nextSetBit(0); ord != DocIdSetIterator.NO_MORE_DOCS;
             ord = ord + 1 < bits.length() ? bits.nextSetBit(ord + 1) : DocIdSetIterator.NO_MORE_DOCS) {
            double score = 0;
            for (DayIndex.LeafResult leaf : leaves) {
                score += leaf.score(ord);
            }
            ords[i] = ord;
            scores[i++] = score;
        }
        return new QueryResult(ords, scores, ord -> {
            Map<String, String> terms = new LinkedHashMap<>();
            for (DayIndex.LeafResult leaf : leaves) {
                if (leaf.bits.get(ord)) {
                    for (String term : leaf.surfaces(ord)) {
                        terms.putIfAbsent(term.toLowerCase(Locale.ROOT), term);
                    }
                }
            }
            return List.copyOf(terms.values());
        });
    }

    /** The papers matching a query; leaf bitsets are shared, so never modified. */
    private FixedBitSet bits(Node node) {
        if (node instanceof Leaf leaf) {
            return day.leaf(leaf).bits;
        }
        if (node instanceof Or or) {
            FixedBitSet any = new FixedBitSet(Math.max(1, day.size()));
            for (Node alternative : or.any()) {
                any.or(bits(alternative));
            }
            return any;
        }
        And and = (And) node;
        FixedBitSet all = bits(and.must().get(0)).clone();
        for (int i = 1; i < and.must().size() && all.cardinality() > 0; i++) {
            all.and(bits(and.must().get(i)));
        }
        for (Node excluded : and.mustNot()) {
            if (all.cardinality() == 0) {
                break;
            }
            all.andNot(bits(excluded));
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
        java.util.Arrays.fill(scores, CATEGORY_SCORE);
        return new QueryResult(ords, scores, ord -> day.categories.get(ord).stream()
                .filter(category -> ArxivCategories.covers(subscription, category)).toList());
    }

    /**
     * Per-thread work space of {@link #best}: scores summed per paper, and which papers were
     * touched by this call (a stamp per paper instead of clearing the arrays each time).
     */
    private static final class Scratch {
        final double[] score;
        final int[] stamp;
        final int[] touched;
        int generation;
        int count;

        Scratch(int papers) {
            score = new double[papers];
            stamp = new int[papers];
            touched = new int[papers];
        }

        void next() {
            generation++;
            count = 0;
        }

        void add(int ord, double value) {
            if (stamp[ord] != generation) {
                stamp[ord] = generation;
                score[ord] = 0;
                touched[count++] = ord;
            }
            score[ord] += value;
        }

        /** The touched papers with the highest rank, best first (a bounded min-heap, then sorted). */
        int[] best(int limit, double[] weights, DayIndex day) {
            int size = Math.min(limit, count);
            int[] heap = new int[size];
            int filled = 0;
            for (int i = 0; i < count; i++) {
                int ord = touched[i];
                if (filled < size) {
                    heap[filled] = ord;
                    siftUp(heap, filled++, weights, day);
                } else if (size > 0 && better(ord, heap[0], weights, day)) {
                    heap[0] = ord;
                    siftDown(heap, size, weights, day);
                }
            }
            // heap sort, worst out first, so the array ends best first
            for (int end = size - 1; end > 0; end--) {
                int worst = heap[0];
                heap[0] = heap[end];
                heap[end] = worst;
                siftDown(heap, end, weights, day);
            }
            return heap;
        }

        private boolean better(int a, int b, double[] weights, DayIndex day) {
            double ra = score[a] * weights[a];
            double rb = score[b] * weights[b];
            return ra != rb ? ra > rb : day.papers[a].id() < day.papers[b].id();
        }

        private void siftUp(int[] heap, int at, double[] weights, DayIndex day) {
            while (at > 0) {
                int parent = (at - 1) / 2;
                if (!better(heap[parent], heap[at], weights, day)) {
                    return;
                }
                swap(heap, parent, at);
                at = parent;
            }
        }

        private void siftDown(int[] heap, int size, double[] weights, DayIndex day) {
            int at = 0;
            while (true) {
                int left = 2 * at + 1;
                if (left >= size) {
                    return;
                }
                int worse = left + 1 < size && better(heap[left], heap[left + 1], weights, day) ? left + 1 : left;
                if (!better(heap[at], heap[worse], weights, day)) {
                    return;
                }
                swap(heap, at, worse);
                at = worse;
            }
        }

        private static void swap(int[] heap, int i, int j) {
            int t = heap[i];
            heap[i] = heap[j];
            heap[j] = t;
        }
    }
}
