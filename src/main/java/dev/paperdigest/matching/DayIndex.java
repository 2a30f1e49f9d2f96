package dev.paperdigest.matching;

import dev.paperdigest.matching.KeywordQuery.Leaf;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.FixedBitSet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The day's papers, indexed once for a matching run: a Lucene index in memory (BM25 over title
 * and abstract), the words as written ({@link SurfaceForms}), authors by folded surname, and
 * categories. Each distinct word, phrase or prefix a query uses is searched once, and its matching
 * papers kept as a bitset with per-paper scores; queries then combine these bitsets. Thread-safe
 * once built.
 */
final class DayIndex {

    private static final String ORD = "ord";

    /** One author of one paper. */
    record AuthorEntry(int ord, String asWritten, AuthorName name) {}

    /** Papers matching one leaf of a query, with the score of each and, computed on demand, the words found. */
    final class LeafResult {
        final Leaf leaf;
        final FixedBitSet bits;
        final int[] ords;
        final float[] scores;
        private final AtomicReferenceArray<List<String>> surfaces;

        LeafResult(Leaf leaf, FixedBitSet bits, int[] ords, float[] scores) {
            this.leaf = leaf;
            this.bits = bits;
            this.ords = ords;
            this.scores = scores;
            this.surfaces = new AtomicReferenceArray<>(ords.length);
        }

        float score(int ord) {
            int at = Arrays.binarySearch(ords, ord);
            return at < 0 ? 0f : scores[at];
        }

        /** The words of paper {@code ord} this leaf found, as written; computed once per paper. */
        List<String> surfaces(int ord) {
            int at = Arrays.binarySearch(ords, ord);
            if (at < 0) {
                return List.of();
            }
            List<String> found = surfaces.get(at);
            if (found == null) {
                found = surfaceForms.found(leaf, ord);
                surfaces.compareAndSet(at, null, found);
            }
            return found;
        }
    }

    final MatchablePaper[] papers;
    final PaperAnalysis analysis;
    private final SurfaceForms surfaceForms;
    final Map<String, List<AuthorEntry>> authorsBySurname = new HashMap<>();
    final List<List<String>> categories = new ArrayList<>();
    private final IndexSearcher searcher;
    private final int[] ordOfDoc;
    private final Map<String, LeafResult> leaves = new ConcurrentHashMap<>();
    /** Built when the first query for similar papers comes: most sessions have none. */
    private volatile SimilarityIndex similarity;

    private DayIndex(
            MatchablePaper[] papers,
            PaperAnalysis analysis,
            SurfaceForms surfaceForms,
            IndexSearcher searcher,
            int[] ordOfDoc) {
        this.papers = papers;
        this.analysis = analysis;
        this.surfaceForms = surfaceForms;
        this.searcher = searcher;
        this.ordOfDoc = ordOfDoc;
    }

    static DayIndex build(Collection<MatchablePaper> day, PaperAnalysis analysis) {
        MatchablePaper[] papers = day.stream().filter(Objects::nonNull).toArray(MatchablePaper[]::new);
        SurfaceForms surfaceForms = new SurfaceForms(papers.length, analysis);
        try {
            ByteBuffersDirectory directory = new ByteBuffersDirectory();
            IndexWriterConfig config = new IndexWriterConfig(analysis.indexing)
                    .setRAMBufferSizeMB(256)
                    .setCommitOnClose(true);
            try (IndexWriter writer = new IndexWriter(directory, config)) {
                for (int ord = 0; ord < papers.length; ord++) {
                    MatchablePaper paper = papers[ord];
                    String title = paper.title() == null ? "" : paper.title();
                    String abstractText = paper.abstractText() == null ? "" : paper.abstractText();
                    Document doc = new Document();
                    doc.add(new TextField(PaperAnalysis.TITLE, title, Field.Store.NO));
                    doc.add(new TextField(PaperAnalysis.TITLE + PaperAnalysis.RAW_SUFFIX, title, Field.Store.NO));
                    doc.add(new TextField(PaperAnalysis.ABSTRACT, abstractText, Field.Store.NO));
                    doc.add(new TextField(
                            PaperAnalysis.ABSTRACT + PaperAnalysis.RAW_SUFFIX, abstractText, Field.Store.NO));
                    doc.add(new NumericDocValuesField(ORD, ord));
                    writer.addDocument(doc);
                    surfaceForms.add(ord, title, abstractText);
                }
                writer.forceMerge(1);
            }
            DirectoryReader reader = DirectoryReader.open(directory);
            int[] ordOfDoc = new int[reader.maxDoc()];
            for (LeafReaderContext leaf : reader.leaves()) {
                NumericDocValues ords = leaf.reader().getNumericDocValues(ORD);
                for (int doc = ords.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = ords.nextDoc()) {
                    ordOfDoc[leaf.docBase + doc] = (int) ords.longValue();
                }
            }
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setQueryCache(null); // every leaf is searched once and kept by this class
            DayIndex index = new DayIndex(papers, analysis, surfaceForms, searcher, ordOfDoc);
            index.indexAuthorsAndCategories();
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory index failed", e);
        }
    }

    private void indexAuthorsAndCategories() {
        for (int ord = 0; ord < papers.length; ord++) {
            List<String> authors = papers[ord].authors() == null ? List.of() : papers[ord].authors();
            for (String author : authors) {
                AuthorName name = author == null ? null : AuthorName.parse(author);
                if (name != null) {
                    AuthorEntry entry = new AuthorEntry(ord, author.strip(), name);
                    authorsBySurname
                            .computeIfAbsent(name.surname(), s -> new ArrayList<>())
                            .add(entry);
                    if (name.surnameParts().size() > 1) {
                        for (String part : new LinkedHashSet<>(name.surnameParts())) {
                            authorsBySurname
                                    .computeIfAbsent(part, s -> new ArrayList<>())
                                    .add(entry);
                        }
                    }
                }
            }
            List<String> canonical = new ArrayList<>();
            for (String category : papers[ord].categories() == null ? List.<String>of() : papers[ord].categories()) {
                if (category != null && !category.isBlank()) {
                    String known = ArxivCategories.canonical(category);
                    canonical.add(known != null ? known : category.strip());
                }
            }
            categories.add(List.copyOf(canonical));
        }
    }

    int size() {
        return papers.length;
    }

    int keptLeaves() {
        return leaves.size();
    }

    SimilarityIndex similarity() {
        SimilarityIndex built = similarity;
        if (built == null) {
            synchronized (this) {
                if (similarity == null) {
                    similarity = SimilarityIndex.build(searcher.getIndexReader(), ordOfDoc, papers);
                }
                built = similarity;
            }
        }
        return built;
    }

    /** The words of paper {@code ord}, as written, that have these stemmed forms; at most {@code limit}. */
    List<String> surfacesOf(List<String> stems, int ord, int limit) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String stem : stems) {
            Leaf word = new Leaf(KeywordQuery.LeafKind.TERM, KeywordQuery.ANYWHERE, List.of(stem), List.of(0), stem);
            for (String surface : surfaceForms.found(word, ord)) {
                found.putIfAbsent(TextFolding.fold(surface), surface);
            }
            if (found.size() >= limit) {
                break;
            }
        }
        return List.copyOf(found.values()).subList(0, Math.min(limit, found.size()));
    }

    /** The papers matching one leaf, as {@link #leaf}, searched again unless kept: nothing is added to the index. */
    LeafResult leafWithoutKeeping(Leaf leaf) {
        LeafResult cached = leaves.get(leaf.key());
        return cached != null ? cached : search(leaf);
    }

    /** The papers matching one leaf, searched once per day index. */
    LeafResult leaf(Leaf leaf) {
        LeafResult cached = leaves.get(leaf.key());
        if (cached != null) {
            return cached;
        }
        LeafResult result = search(leaf);
        LeafResult raced = leaves.putIfAbsent(leaf.key(), result);
        return raced != null ? raced : result;
    }

    private LeafResult search(Leaf leaf) {
        FixedBitSet bits = new FixedBitSet(Math.max(1, papers.length));
        Map<Integer, Float> scores = new HashMap<>();
        try {
            searcher.search(leaf.toLucene(), new SimpleCollector() {
                private Scorable scorer;
                private int base;

                @Override
                protected void doSetNextReader(LeafReaderContext context) {
                    base = context.docBase;
                }

                @Override
                public void setScorer(Scorable scorer) {
                    this.scorer = scorer;
                }

                @Override
                public void collect(int doc) throws IOException {
                    int ord = ordOfDoc[base + doc];
                    bits.set(ord);
                    scores.put(ord, scorer.score());
                }

                @Override
                public ScoreMode scoreMode() {
                    return ScoreMode.COMPLETE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int[] ords = new int[scores.size()];
        float[] values = new float[scores.size()];
        int i = 0;
        for (int ord = bits.nextSetBit(0);
                ord != DocIdSetIterator.NO_MORE_DOCS;
                ord = ord + 1 < bits.length() ? bits.nextSetBit(ord + 1) : DocIdSetIterator.NO_MORE_DOCS) {
            ords[i] = ord;
            values[i++] = scores.get(ord);
        }
        return new LeafResult(leaf, bits, ords, values);
    }
}
