package dev.paperdigest.matching;

import dev.paperdigest.matching.RankedPapers.Ranked;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A set of papers indexed for matching ({@link DayIndex}), answering queries as of one moment.
 * Each distinct query text is evaluated once ({@link QueryEvaluator}) and its result kept, since
 * many people follow the same queries. Thread-safe: any number of threads may ask at once. A stored query that no longer validates matches nothing and is counted in
 * {@link #refusedQueries()} instead of failing the caller.
 */
public final class MatchSession {

    private final DayIndex day;
    private final QueryEvaluator evaluator;
    /** For {@link #peek}: evaluates without keeping anything. */
    private final QueryEvaluator passing;
    /** {@link Ranking#weight} of each paper, by ordinal. */
    private final double[] weights;

    private final Map<QueryKind, Map<String, QueryResult>> results = new EnumMap<>(QueryKind.class);
    private final AtomicLong refused = new AtomicLong();
    private final ThreadLocal<RankingScratch> scratch;
    /** {@link PaperFeatures} of each paper, by ordinal, once {@link Preferences} asked for them. */
    private final AtomicReferenceArray<PaperFeatures> features;

    MatchSession(DayIndex day, Instant now) {
        this.day = day;
        this.evaluator = new QueryEvaluator(day);
        this.passing = new QueryEvaluator(day, false);
        this.weights = new double[day.size()];
        for (int ord = 0; ord < day.size(); ord++) {
            MatchablePaper paper = day.papers[ord];
            weights[ord] = Ranking.weight(paper.upvotes(), paper.publishedAt(), now);
        }
        for (QueryKind kind : QueryKind.values()) {
            results.put(kind, new ConcurrentHashMap<>());
        }
        this.scratch = ThreadLocal.withInitial(() -> new RankingScratch(day.size()));
        this.features = new AtomicReferenceArray<>(day.size());
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
        return best(queries, limit, Preferences.NONE);
    }

    /**
     * As {@link #best(List, int)}, each paper's rank also multiplied by what the person's votes
     * taught ({@link Preferences#multiplier}): the same papers match, in another order. Empty
     * preferences cost nothing.
     */
    public RankedPapers best(List<Query> queries, int limit, Preferences preferences) {
        QueryResult[] found = summed(kept(queries));
        if (found == null) {
            return RankedPapers.NONE;
        }
        double[] weighed = preferences == null || preferences.isEmpty() ? weights : preferred(preferences);
        return ranked(scratch.get().best(Math.max(0, limit), weighed, day), found, weighed);
    }

    /** The weights of the papers this thread's scratch holds, each multiplied by what the preferences make of it. */
    private double[] preferred(Preferences preferences) {
        RankingScratch s = scratch.get();
        for (int i = 0; i < s.count; i++) {
            int ord = s.touched[i];
            s.preferred[ord] = weights[ord] * preferences.multiplier(features(ord));
        }
        return s.preferred;
    }

    /** A paper's words and authors, worked out the first time someone's preferences look at it. */
    private PaperFeatures features(int ord) {
        PaperFeatures known = features.get(ord);
        if (known == null) {
            MatchablePaper paper = day.papers[ord];
            known = PaperFeatures.of(paper.title(), paper.abstractText(), paper.authors());
            features.compareAndSet(ord, null, known);
        }
        return known;
    }

    /**
     * The {@code limit} newest papers one person's queries match, newest first (by publication;
     * papers without a date last), ties to the higher paper id; each with its rank as in
     * {@link #best}. For lists read by date, such as a feed.
     */
    public RankedPapers newest(List<Query> queries, int limit) {
        QueryResult[] found = summed(kept(queries));
        return found == null
                ? RankedPapers.NONE
                : ranked(scratch.get().newest(Math.max(0, limit), day), found, weights);
    }

    /**
     * As {@link #best}, but a query the session has not met is evaluated without being kept, nor
     * are the words it looks for: for previews of queries nobody follows yet, which must not make
     * the session grow with every keystroke. An invalid query matches nothing.
     */
    public RankedPapers peek(List<Query> queries, int limit) {
        QueryResult[] found = summed(passing(queries));
        return found == null
                ? RankedPapers.NONE
                : ranked(scratch.get().best(Math.max(0, limit), weights, day), found, weights);
    }

    /** What each query matches, kept for the next person who follows it; null when there is nothing to match. */
    private QueryResult[] kept(List<Query> queries) {
        if (queries.isEmpty() || day.size() == 0) {
            return null;
        }
        QueryResult[] found = new QueryResult[queries.size()];
        for (int q = 0; q < found.length; q++) {
            found[q] = result(queries.get(q));
        }
        return found;
    }

    /** What each query matches, those the session has not met evaluated without keeping them. */
    private QueryResult[] passing(List<Query> queries) {
        if (queries.isEmpty() || day.size() == 0) {
            return null;
        }
        QueryResult[] found = new QueryResult[queries.size()];
        for (int q = 0; q < found.length; q++) {
            Query query = queries.get(q);
            QueryResult kept = query == null || query.kind() == null || query.text() == null
                    ? QueryResult.NONE
                    : results.get(query.kind()).get(query.text());
            if (kept == null) {
                try {
                    kept = passing.evaluate(query);
                } catch (InvalidQueryException e) {
                    kept = QueryResult.NONE;
                }
            }
            found[q] = kept;
        }
        return found;
    }

    /** Sums each paper's scores over the queries into this thread's scratch; null when nothing matched. */
    private QueryResult[] summed(QueryResult[] found) {
        if (found == null) {
            return null;
        }
        RankingScratch s = scratch.get();
        s.next();
        for (QueryResult r : found) {
            for (int i = 0; i < r.size(); i++) {
                s.add(r.ords[i], r.scores[i]);
            }
        }
        return s.count == 0 ? null : found;
    }

    /** The chosen papers, in the order given, with the queries and words that matched each. */
    private RankedPapers ranked(int[] chosen, QueryResult[] found, double[] weighed) {
        RankingScratch s = scratch.get();
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
            top.add(new Ranked(
                    day.papers[ord].id(),
                    s.score[ord] * weighed[ord],
                    List.copyOf(matchedQueries),
                    termLists.size() == 1 ? termLists.get(0) : merged(termLists)));
        }
        return new RankedPapers(List.copyOf(top), s.count);
    }

    /** The words of several queries, each once whatever its case or accents, in order of appearance. */
    private static List<String> merged(List<List<String>> termLists) {
        Map<String, String> terms = new LinkedHashMap<>();
        for (List<String> list : termLists) {
            for (String term : list) {
                terms.putIfAbsent(TextFolding.fold(term), term);
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
            cached = evaluate(query);
            QueryResult raced = cache.putIfAbsent(query.text(), cached);
            cached = raced != null ? raced : cached;
        }
        return cached;
    }

    /** Distinct query texts evaluated so far. */
    int distinctQueries() {
        return results.values().stream().mapToInt(Map::size).sum();
    }

    /** Distinct words, phrases and prefixes searched and kept so far. */
    int keptLeaves() {
        return day.keptLeaves();
    }

    private QueryResult evaluate(Query query) {
        try {
            return evaluator.evaluate(query);
        } catch (InvalidQueryException e) {
            refused.incrementAndGet();
            return QueryResult.NONE;
        }
    }
}
