package dev.paperdigest.matching;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MultiMatchingQueries;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.TermQuery;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/**
 * Figure 1 of docs/PERFORMANCE.md: the day's 2,000 papers against N subscribers, for the
 * production shape (a {@link MatchSession}: per-query search over the day's index, deduplicated,
 * per-term bitsets, then each subscriber's best 25 ranked and the rest counted, as a digest run
 * does) and, at the baseline sizes, the plain Lucene monitor and a naive loop (a MemoryIndex per
 * paper, every query run against it; these only find the hits, they rank nothing). Run with {@code ./mvnw -B -o -Pbenchmark test}
 * (docs/PERFORMANCE.md). System properties: {@code bench.sizes} (default 10000,100000,1000000),
 * {@code bench.runs} (3), {@code bench.baselineSizes} (10000), {@code bench.monitorRuns} (3),
 * {@code bench.naiveRuns} (3), {@code bench.out} (a Markdown file for the results). A run count of 0
 * skips that measurement: {@code bench.naiveRuns=0} leaves out the slow naive baseline.
 */
public final class MatchingBenchmark {

    private static final StringBuilder REPORT = new StringBuilder();

    private MatchingBenchmark() {}

    /** Papers a digest shows: each subscriber's best this many are ranked, the rest counted. */
    static final int DIGEST_SIZE = 25;

    record Measure(
            double seconds,
            double buildSeconds,
            double matchSeconds,
            long heapAfterBuild,
            long heapDelta,
            long retainedDelta,
            long matches,
            long[] byKind,
            int[] distribution,
            double zeroShare,
            int distinct) {}

    public static void main(String[] args) throws Exception {
        int[] sizes = ints(System.getProperty("bench.sizes", "10000,100000,1000000"));
        Set<Integer> baselineSizes = new HashSet<>();
        for (int s : ints(System.getProperty("bench.baselineSizes", "10000"))) {
            baselineSizes.add(s);
        }
        int runs = Integer.getInteger("bench.runs", 3);
        int monitorRuns = Integer.getInteger("bench.monitorRuns", 3);
        int naiveRuns = Integer.getInteger("bench.naiveRuns", 3);

        Runtime rt = Runtime.getRuntime();
        line(
                "## Machine: %d processors, max heap %d MiB, Java %s (%s)",
                rt.availableProcessors(),
                rt.maxMemory() >> 20,
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
        long t0 = System.nanoTime();
        BenchmarkWorkload workload = BenchmarkWorkload.generate();
        Map<String, Integer> perCategory = new TreeMap<>();
        workload.papers.forEach(p -> p.categories().forEach(c -> perCategory.merge(c, 1, Integer::sum)));
        line(
                "Workload (seed %d, generated in %.1f s): %d papers; vocabulary %d words, %d phrases; category subscriptions over %s",
                BenchmarkWorkload.SEED,
                secs(t0),
                workload.papers.size(),
                workload.vocabulary.size(),
                workload.phrases.size(),
                workload.broadCategories.stream()
                        .map(c -> c + " " + perCategory.get(c))
                        .toList());

        for (int size : sizes) {
            List<BenchmarkWorkload.Subscription> queries = workload.subscriptions(size);
            describe(size, queries);
            long workloadHeap = usedAfterGc();
            line("Heap holding the workload (papers + %d subscriptions): %d MiB", queries.size(), workloadHeap >> 20);
            List<Measure> measures = new ArrayList<>();
            for (int r = 1; r <= runs; r++) {
                Measure m = runLucene(workload.papers, queries, size);
                line("- run %d: %s", r, format(m));
                measures.add(m);
            }
            summary(
                    size,
                    "LuceneMatcher (per-query search over the day's index, deduplicated, per-term bitsets)",
                    measures,
                    "bench.runs=" + runs);
            if (baselineSizes.contains(size)) {
                List<Measure> monitor = new ArrayList<>();
                for (int r = 1; r <= monitorRuns; r++) {
                    Measure m = runMonitor(workload.papers, queries, size);
                    line("- monitor run %d: %s", r, format(m));
                    monitor.add(m);
                }
                summary(
                        size,
                        "Lucene Monitor, TermFilteredPresearcher, every subscription registered, batches of 100 papers",
                        monitor,
                        "bench.monitorRuns=" + monitorRuns);
                List<Measure> naive = new ArrayList<>();
                for (int r = 1; r <= naiveRuns; r++) {
                    Measure m = runNaive(workload.papers, queries, size);
                    line("- naive run %d: %s", r, format(m));
                    naive.add(m);
                }
                summary(size, "naive: a MemoryIndex per paper, every query run", naive, "bench.naiveRuns=" + naiveRuns);
                // the ratios of the baselines that ran
                List<String> ratios = new ArrayList<>();
                if (!measures.isEmpty() && !naive.isEmpty()) {
                    ratios.add(String.format(
                            Locale.ROOT,
                            "naive / LuceneMatcher = %.0fx",
                            median(naive, Measure::seconds) / median(measures, Measure::seconds)));
                }
                if (!measures.isEmpty() && !monitor.isEmpty()) {
                    ratios.add(String.format(
                            Locale.ROOT,
                            "monitor / LuceneMatcher = %.1fx",
                            median(monitor, Measure::seconds) / median(measures, Measure::seconds)));
                }
                if (!ratios.isEmpty()) {
                    line("Ratios at %d: %s", size, String.join(", ", ratios));
                }
            }
        }
        String out = System.getProperty("bench.out");
        if (out != null) {
            Files.createDirectories(Path.of(out).toAbsolutePath().getParent());
            Files.writeString(Path.of(out), REPORT.toString());
        }
    }

    // ---- the production shape

    private static Measure runLucene(
            List<MatchablePaper> papers, List<BenchmarkWorkload.Subscription> queries, int subscribers) {
        LuceneMatcher matcher = new LuceneMatcher();
        List<List<Query>> people = BenchmarkWorkload.bySubscriber(queries, subscribers);
        long base = usedAfterGc();
        long t0 = System.nanoTime();
        MatchSession session = matcher.index(papers, Instant.now());
        double build = secs(t0);
        long afterBuild = usedAfterGc();
        long t1 = System.nanoTime();
        int[] totals = new int[subscribers];
        int threads = Runtime.getRuntime().availableProcessors();
        AtomicInteger next = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < subscribers; i = next.getAndIncrement()) {
                    totals[i] = session.best(people.get(i), DIGEST_SIZE).total();
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        double match = secs(t1);
        long retained = usedAfterGc();
        if (session.refusedQueries() > 0) {
            throw new IllegalStateException(session.refusedQueries() + " generated queries were refused");
        }
        long matches = 0;
        for (int total : totals) {
            matches += total;
        }
        return new Measure(
                build + match,
                build,
                match,
                afterBuild,
                afterBuild - base,
                retained - base,
                matches,
                null,
                distribution(totals),
                zeroShare(totals),
                session.distinctQueries());
    }

    // ---- the baselines: the same queries as plain Lucene queries

    /** The paper's text fields, plus authors and categories as terms the baseline queries can find. */
    static Document luceneDocument(MatchablePaper paper) {
        Document doc = SeedPapers.luceneDocument(paper);
        for (String author : paper.authors()) {
            AuthorName name = AuthorName.parse(author);
            if (name != null) {
                doc.add(new StringField("author", name.surname() + "|", Field.Store.NO));
                if (!name.given().isEmpty()) {
                    doc.add(new StringField(
                            "author", name.surname() + "|" + name.given().get(0).charAt(0), Field.Store.NO));
                }
            }
        }
        for (String category : paper.categories()) {
            doc.add(new StringField("category", ArxivCategories.canonical(category), Field.Store.NO));
        }
        return doc;
    }

    /**
     * One subscription as a single Lucene query. Authors are approximated by surname + first
     * initial (slightly broader than LuceneMatcher's rule), enough to compare the cost of the shapes.
     */
    /** A Lucene query, named in full: this package has a Query of its own. */
    static org.apache.lucene.search.Query luceneQuery(BenchmarkWorkload.Subscription query) {
        try {
            return switch (query.kind()) {
                case KEYWORD -> KeywordQuery.toLucene(KeywordQuery.parse(query.text()));
                case AUTHOR -> {
                    AuthorName name = AuthorName.parse(query.text());
                    yield new TermQuery(new Term(
                            "author",
                            name.surname() + "|"
                                    + (name.given().isEmpty()
                                            ? ""
                                            : name.given().get(0).substring(0, 1))));
                }
                case CATEGORY ->
                    query.text().endsWith(".*")
                            ? new PrefixQuery(new Term(
                                    "category",
                                    query.text().substring(0, query.text().length() - 1)))
                            : new TermQuery(new Term("category", query.text()));
                case SIMILAR -> similarQuery(query.liked());
            };
        } catch (InvalidQueryException e) {
            return new MatchNoDocsQuery();
        }
    }

    /**
     * A liked paper as a plain Lucene query: any two of its title's words in title or abstract.
     * Broader than LuceneMatcher's tf-idf similarity, enough to compare the cost of the shape.
     */
    private static org.apache.lucene.search.Query similarQuery(LikedPaper liked) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (PaperAnalysis.Token token : PaperAnalysis.ENGLISH.terms(liked.title())) {
            any.add(new TermQuery(new Term(PaperAnalysis.TITLE, token.term())), BooleanClause.Occur.SHOULD);
            any.add(new TermQuery(new Term(PaperAnalysis.ABSTRACT, token.term())), BooleanClause.Occur.SHOULD);
        }
        return any.setMinimumNumberShouldMatch(2).build();
    }

    private static Measure runMonitor(
            List<MatchablePaper> papers, List<BenchmarkWorkload.Subscription> queries, int subscribers)
            throws IOException {
        long base = usedAfterGc();
        Counter counter = new Counter(subscribers);
        long t0 = System.nanoTime();
        try (Monitor monitor = new Monitor(PaperAnalysis.ENGLISH.indexing)) {
            List<MonitorQuery> batch = new ArrayList<>();
            for (int i = 0; i < queries.size(); i++) {
                batch.add(new MonitorQuery(Integer.toString(i), luceneQuery(queries.get(i))));
                if (batch.size() == 10_000) {
                    monitor.register(batch);
                    batch.clear();
                }
            }
            monitor.register(batch);
            double build = secs(t0);
            long afterBuild = usedAfterGc();
            long t1 = System.nanoTime();
            int step = 100;
            for (int from = 0; from < papers.size(); from += step) {
                List<MatchablePaper> slice = papers.subList(from, Math.min(papers.size(), from + step));
                Document[] docs =
                        slice.stream().map(MatchingBenchmark::luceneDocument).toArray(Document[]::new);
                MultiMatchingQueries<QueryMatch> matches = monitor.match(docs, QueryMatch.SIMPLE_MATCHER);
                for (int d = 0; d < docs.length; d++) {
                    for (QueryMatch match : matches.getMatches(d)) {
                        BenchmarkWorkload.Subscription q = queries.get(Integer.parseInt(match.getQueryId()));
                        counter.count(q);
                    }
                }
            }
            double match = secs(t1);
            return counter.measure(build + match, build, match, afterBuild, afterBuild - base, 0, queries.size());
        }
    }

    private static Measure runNaive(
            List<MatchablePaper> papers, List<BenchmarkWorkload.Subscription> queries, int subscribers) {
        long base = usedAfterGc();
        Counter counter = new Counter(subscribers);
        long t0 = System.nanoTime();
        org.apache.lucene.search.Query[] lucene =
                queries.stream().map(MatchingBenchmark::luceneQuery).toArray(org.apache.lucene.search.Query[]::new);
        double build = secs(t0);
        long afterBuild = usedAfterGc();
        long t1 = System.nanoTime();
        for (MatchablePaper paper : papers) {
            MemoryIndex index = MemoryIndex.fromDocument(luceneDocument(paper), PaperAnalysis.ENGLISH.indexing);
            for (int i = 0; i < lucene.length; i++) {
                float score = index.search(lucene[i]);
                if (score > 0) {
                    BenchmarkWorkload.Subscription q = queries.get(i);
                    counter.count(q);
                }
            }
        }
        double match = secs(t1);
        return counter.measure(build + match, build, match, afterBuild, afterBuild - base, 0, queries.size());
    }

    // ---- counting and reporting

    /** Counts hits per subscriber and per kind of query, from any thread. */
    static final class Counter {
        private final AtomicIntegerArray perSubscriber;
        private final LongAdder[] byKind = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};

        Counter(int subscribers) {
            perSubscriber = new AtomicIntegerArray(subscribers);
        }

        void count(BenchmarkWorkload.Subscription hit) {
            perSubscriber.incrementAndGet(hit.subscriber());
            byKind[hit.kind().ordinal()].increment();
        }

        Measure measure(
                double seconds,
                double build,
                double match,
                long heapAfterBuild,
                long heapDelta,
                long retained,
                int distinct) {
            int n = perSubscriber.length();
            int[] counts = new int[n];
            for (int i = 0; i < n; i++) {
                counts[i] = perSubscriber.get(i);
            }
            long[] kinds = {byKind[0].sum(), byKind[1].sum(), byKind[2].sum(), byKind[3].sum()};
            return new Measure(
                    seconds,
                    build,
                    match,
                    heapAfterBuild,
                    heapDelta,
                    retained,
                    kinds[0] + kinds[1] + kinds[2] + kinds[3],
                    kinds,
                    distribution(counts),
                    zeroShare(counts),
                    distinct);
        }
    }

    /** Median, p90 and max of matches per subscriber. */
    static int[] distribution(int[] perSubscriber) {
        int[] sorted = perSubscriber.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return new int[] {sorted[n / 2], sorted[(int) Math.min(n - 1, Math.ceil(0.9 * n) - 1)], sorted[n - 1]};
    }

    private static double zeroShare(int[] perSubscriber) {
        return Arrays.stream(perSubscriber).filter(c -> c == 0).count() / (double) perSubscriber.length;
    }

    private static void describe(int size, List<BenchmarkWorkload.Subscription> queries) throws InvalidQueryException {
        long[] kinds = new long[QueryKind.values().length];
        Set<String> distinct = new HashSet<>();
        LuceneMatcher matcher = new LuceneMatcher();
        long t0 = System.nanoTime();
        for (BenchmarkWorkload.Subscription q : queries) {
            kinds[q.kind().ordinal()]++;
            if (distinct.add(q.kind() + q.text())) {
                matcher.validate(q.kind(), q.text()); // every generated query is one a subscriber could store
            }
        }
        line("");
        line(
                "### %,d subscribers: %,d subscriptions (%,d keyword, %,d author, %,d category, %,d similar paper), %,d distinct;"
                        + " all validated in %.1f s",
                size, queries.size(), kinds[0], kinds[1], kinds[2], kinds[3], distinct.size(), secs(t0));
    }

    private static String format(Measure m) {
        String kinds = m.byKind == null
                ? ""
                : String.format(
                        Locale.ROOT,
                        " (keyword %,d, author %,d, category %,d, similar paper %,d)",
                        m.byKind[0],
                        m.byKind[1],
                        m.byKind[2],
                        m.byKind[3]);
        return String.format(
                Locale.ROOT,
                "%.2f s (build %.2f s + match %.2f s); heap after building %d MiB (+%d MiB), retained after matching +%d MiB;"
                        + " %,d matches%s; per subscriber median %d, p90 %d, max %d, none %.0f%%; %,d distinct queries",
                m.seconds,
                m.buildSeconds,
                m.matchSeconds,
                m.heapAfterBuild >> 20,
                m.heapDelta >> 20,
                m.retainedDelta >> 20,
                m.matches,
                kinds,
                m.distribution[0],
                m.distribution[1],
                m.distribution[2],
                100 * m.zeroShare,
                m.distinct);
    }

    /** The median run of a shape, or that it was skipped ({@code runs}: the property that set its run count). */
    private static void summary(int size, String shape, List<Measure> measures, String runs) {
        if (measures.isEmpty()) {
            line("%,d subscribers, %s: skipped (%s)", size, shape, runs);
            return;
        }
        double[] s = measures.stream().mapToDouble(Measure::seconds).sorted().toArray();
        Measure mid = measures.stream()
                .filter(m -> m.seconds == s[s.length / 2])
                .findFirst()
                .orElseThrow();
        line(
                "**%,d subscribers, %s: median %.2f s over %d run(s) (min %.2f, max %.2f)**; median run: %s",
                size, shape, s[s.length / 2], s.length, s[0], s[s.length - 1], format(mid));
    }

    private static double median(List<Measure> measures, ToDoubleFunction<Measure> f) {
        double[] v = measures.stream().mapToDouble(f).sorted().toArray();
        return v[v.length / 2];
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double secs(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt)
                .toArray();
    }

    private static void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        System.out.println(text);
        System.out.flush();
        REPORT.append(text).append('\n');
    }
}
