package dev.paperdigest.matching;

import dev.paperdigest.matching.KeywordQuery.And;
import dev.paperdigest.matching.KeywordQuery.Leaf;
import dev.paperdigest.matching.KeywordQuery.Node;
import dev.paperdigest.matching.KeywordQuery.Or;
import dev.paperdigest.matching.PaperAnalysis.Token;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.FixedBitSet;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Matching on Lucene, shaped for a million subscriptions against one day of papers
 * (docs/PERFORMANCE.md): the day's papers go into a small in-memory index; each distinct query
 * text is evaluated once against it (subscribers share many queries), combining per-word
 * bitsets of the day's papers that are each searched once with BM25; words are stemmed once
 * through a cache. Nothing outlives a call to {@link #match}, so there is no state to rebuild
 * at start-up or to keep consistent across instances.
 *
 * <p>{@link #match} spreads the queries over {@code parallelism} threads (by default the number
 * of processors; below 2,048 queries it uses the calling thread alone) and hands hits to the
 * consumer <b>from those threads, concurrently</b>: the consumer must be thread-safe. Hits of one
 * subscription arrive together, from one thread. If the consumer throws, the run stops and
 * {@code match} rethrows that exception. A stored query that no longer validates matches nothing
 * (logged with a count) instead of failing the run.
 */
@ApplicationScoped
public class LuceneMatcher implements PaperMatcher {

    private static final Logger LOG = Logger.getLogger(LuceneMatcher.class);

    /** Relevance of an author hit: a followed author's paper should rank near the top. */
    static final double AUTHOR_SCORE = 8.0;
    /** Relevance of a category hit: broad, so below a good keyword hit. */
    static final double CATEGORY_SCORE = 1.0;
    private static final int CHUNK = 2048;
    private static final int MAX_QUERY_LENGTH = KeywordQuery.MAX_LENGTH;

    private final int parallelism;

    public LuceneMatcher() {
        this(Runtime.getRuntime().availableProcessors());
    }

    LuceneMatcher(int parallelism) {
        this.parallelism = Math.max(1, parallelism);
    }

    @Override
    public String validate(QueryKind kind, String text) throws InvalidQueryException {
        String query = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (query.isEmpty()) {
            throw new InvalidQueryException("is empty");
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new InvalidQueryException("is longer than " + MAX_QUERY_LENGTH + " characters");
        }
        if (kind == null) {
            throw new InvalidQueryException("has no kind (keyword, author or category)");
        }
        return switch (kind) {
            case KEYWORD -> {
                KeywordQuery.parse(query);
                yield query;
            }
            case AUTHOR -> AuthorName.validate(query);
            case CATEGORY -> ArxivCategories.validate(query);
        };
    }

    @Override
    public void match(Collection<MatchablePaper> papers, Collection<StoredQuery> queries, Consumer<QueryHit> hits) {
        if (papers.isEmpty() || queries.isEmpty()) {
            return;
        }
        prepare(papers).run(queries, hits, parallelism);
    }

    /** Builds the day's index; separate from matching so the benchmark can measure each. */
    Run prepare(Collection<MatchablePaper> papers) {
        return new Run(DayIndex.build(papers));
    }

    /** One matching run over one day: the day's index plus the results of each distinct query. */
    static final class Run {
        final DayIndex day;
        @SuppressWarnings("unchecked")
        private final Map<String, Result>[] results = new Map[] {
                new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>()};
        private final Map<String, List<Token>> stems = new ConcurrentHashMap<>();
        final AtomicLong refused = new AtomicLong();

        Run(DayIndex day) {
            this.day = day;
        }

        int distinctQueries() {
            return results[0].size() + results[1].size() + results[2].size();
        }

        void run(Collection<StoredQuery> queries, Consumer<QueryHit> hits, int parallelism) {
            StoredQuery[] all = queries.toArray(new StoredQuery[0]);
            int threads = Math.min(parallelism, (all.length + CHUNK - 1) / CHUNK);
            if (threads <= 1) {
                for (StoredQuery query : all) {
                    emit(query, hits);
                }
            } else {
                runParallel(all, hits, threads);
            }
            if (refused.get() > 0) {
                LOG.warnf("%d stored queries no longer pass validation and matched nothing", refused.get());
            }
        }

        private void runParallel(StoredQuery[] all, Consumer<QueryHit> hits, int threads) {
            AtomicInteger nextChunk = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> {
                    try {
                        for (int chunk = nextChunk.getAndIncrement(); chunk * CHUNK < all.length && failure.get() == null;
                             chunk = nextChunk.getAndIncrement()) {
                            int end = Math.min(all.length, (chunk + 1) * CHUNK);
                            for (int i = chunk * CHUNK; i < end; i++) {
                                emit(all[i], hits);
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "paper-matcher-" + t);
                worker.setDaemon(true);
                worker.start();
                workers.add(worker);
            }
            try {
                for (Thread worker : workers) {
                    worker.join();
                }
            } catch (InterruptedException e) {
                failure.compareAndSet(null, e);
                Thread.currentThread().interrupt();
                for (Thread worker : workers) {
                    worker.interrupt();
                }
            }
            Throwable e = failure.get();
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            } else if (e instanceof Error error) {
                throw error;
            } else if (e != null) {
                throw new IllegalStateException("matching was interrupted", e);
            }
        }

        private void emit(StoredQuery query, Consumer<QueryHit> hits) {
            if (query == null || query.kind() == null || query.text() == null) {
                refused.incrementAndGet();
                return;
            }
            Result result = result(query.kind(), query.text());
            for (int i = 0; i < result.ords.length; i++) {
                hits.accept(new QueryHit(query.subscriptionId(), query.subscriberId(), day.papers[result.ords[i]].id(),
                        result.scores[i], result.terms.get(i)));
            }
        }

        Result result(QueryKind kind, String text) {
            Map<String, Result> cache = results[kind.ordinal()];
            Result cached = cache.get(text);
            if (cached == null) {
                cached = evaluate(kind, text);
                cache.putIfAbsent(text, cached);
            }
            return cached;
        }

        private Result evaluate(QueryKind kind, String text) {
            try {
                return switch (kind) {
                    case KEYWORD -> keyword(KeywordQuery.parse(text, this::stem));
                    case AUTHOR -> author(text);
                    case CATEGORY -> category(ArxivCategories.validate(text));
                };
            } catch (InvalidQueryException e) {
                refused.incrementAndGet();
                return Result.NONE;
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

        private Result keyword(Node query) {
            FixedBitSet bits = bits(query);
            int count = bits.cardinality();
            if (count == 0) {
                return Result.NONE;
            }
            List<Leaf> positive = new ArrayList<>();
            KeywordQuery.positiveLeaves(query, positive);
            List<DayIndex.LeafResult> leaves = new ArrayList<>(positive.size());
            for (Leaf leaf : positive) {
                leaves.add(day.leaf(leaf));
            }
            Result result = new Result(count);
            int i = 0;
            for (int ord = bits.nextSetBit(0); ord != DocIdSetIterator.NO_MORE_DOCS;
                 ord = ord + 1 < bits.length() ? bits.nextSetBit(ord + 1) : DocIdSetIterator.NO_MORE_DOCS) {
                double score = 0;
                List<String> terms = null;
                Map<String, String> merged = null;
                for (DayIndex.LeafResult leaf : leaves) {
                    if (leaf.bits.get(ord)) {
                        score += leaf.score(ord);
                        List<String> found = leaf.surfaces(ord);
                        if (terms == null) {
                            terms = found; // one leaf found: share its list
                        } else {
                            if (merged == null) {
                                merged = DayIndex.newSurfaceSet();
                                for (String t : terms) {
                                    merged.putIfAbsent(t.toLowerCase(java.util.Locale.ROOT), t);
                                }
                            }
                            for (String t : found) {
                                merged.putIfAbsent(t.toLowerCase(java.util.Locale.ROOT), t);
                            }
                        }
                    }
                }
                result.set(i++, ord, score, merged != null ? List.copyOf(merged.values()) : terms == null ? List.of() : terms);
            }
            return result;
        }

        /** The day's papers matching a query; leaf bitsets are shared, so never modified. */
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

        private Result author(String text) {
            AuthorName wanted = AuthorName.parse(text);
            List<DayIndex.AuthorEntry> candidates = wanted == null ? null : day.authorsBySurname.get(wanted.surname());
            if (candidates == null) {
                return Result.NONE;
            }
            Map<Integer, List<String>> byPaper = new java.util.TreeMap<>();
            for (DayIndex.AuthorEntry entry : candidates) {
                if (wanted.designates(entry.name())) {
                    byPaper.computeIfAbsent(entry.ord(), o -> new ArrayList<>()).add(entry.asWritten());
                }
            }
            Result result = new Result(byPaper.size());
            int i = 0;
            for (Map.Entry<Integer, List<String>> e : byPaper.entrySet()) {
                result.set(i++, e.getKey(), AUTHOR_SCORE, List.copyOf(e.getValue()));
            }
            return result.ords.length == 0 ? Result.NONE : result;
        }

        private Result category(String subscription) {
            List<Integer> ords = new ArrayList<>();
            List<List<String>> matched = new ArrayList<>();
            for (int ord = 0; ord < day.size(); ord++) {
                List<String> found = null;
                for (String category : day.categories.get(ord)) {
                    if (ArxivCategories.covers(subscription, category)) {
                        found = found == null ? new ArrayList<>() : found;
                        found.add(category);
                    }
                }
                if (found != null) {
                    ords.add(ord);
                    matched.add(List.copyOf(found));
                }
            }
            Result result = new Result(ords.size());
            for (int i = 0; i < ords.size(); i++) {
                result.set(i, ords.get(i), CATEGORY_SCORE, matched.get(i));
            }
            return result.ords.length == 0 ? Result.NONE : result;
        }
    }

    /** The day's papers one distinct query matches, shared by every subscription with that query. */
    static final class Result {
        static final Result NONE = new Result(0);

        final int[] ords;
        final double[] scores;
        final List<List<String>> terms;

        Result(int size) {
            ords = new int[size];
            scores = new double[size];
            terms = new ArrayList<>(java.util.Collections.nCopies(size, List.of()));
        }

        void set(int i, int ord, double score, List<String> matched) {
            ords[i] = ord;
            scores[i] = score;
            terms.set(i, matched);
        }
    }
}
