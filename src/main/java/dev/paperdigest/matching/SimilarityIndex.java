package dev.paperdigest.matching;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The papers of a {@link DayIndex} as tf-idf vectors over the stemmed words of title and abstract
 * (a title word counts {@value #TITLE_WEIGHT} times), read once from the index's postings, and
 * inverted: finding the papers like a liked one walks only the postings of the liked paper's
 * {@value #QUERY_TERMS} most distinctive words present that day, and scores each paper by the
 * cosine between the two vectors. The idf is the day's: a word most of the day's papers use says
 * little about what a paper is about. Thread-safe once built.
 */
final class SimilarityIndex {

    static final int TITLE_WEIGHT = 2;
    /** Words of the liked paper searched: its most distinctive ones. */
    static final int QUERY_TERMS = 25;

    /**
     * A paper at least this similar (cosine of the tf-idf vectors) is "like" the liked one: the
     * best F1 on the judged set among thresholds that find at most 5% of the papers
     * (docs/QUERY-LANGUAGE.md, SimilarityThresholdTest).
     */
    static final double THRESHOLD = 0.06;

    /** Of the liked paper's words, those a similar paper's snippet may mark. */
    static final int HIGHLIGHTED_TERMS = 12;

    /** Words a paper must share with the liked one: one rare word in a short text is not a subject. */
    static final int MIN_SHARED_TERMS = 2;

    /** What a similarity of 1 weighs in a digest's ranking, next to a keyword's BM25 score. */
    static final double SCORE_SCALE = 10.0;

    /** The papers having one word, ascending, with the word's weight in each. */
    private record Postings(int[] ords, float[] weights) {}

    /** One of the liked paper's words, with its weight. */
    private record Weighted(String term, double weight) {}

    private final int size;
    /** The paper id of each ordinal. */
    private final long[] ids;

    private final Map<String, Postings> postings;
    private final double[] norms;

    private SimilarityIndex(long[] ids, Map<String, Postings> postings, double[] norms) {
        this.size = ids.length;
        this.ids = ids;
        this.postings = postings;
        this.norms = norms;
    }

    static SimilarityIndex build(IndexReader reader, int[] ordOfDoc, MatchablePaper[] papers) {
        int size = papers.length;
        Map<String, Map<Integer, Integer>> counts = new HashMap<>();
        try {
            for (LeafReaderContext leaf : reader.leaves()) {
                count(leaf, PaperAnalysis.TITLE, TITLE_WEIGHT, ordOfDoc, counts);
                count(leaf, PaperAnalysis.ABSTRACT, 1, ordOfDoc, counts);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Postings> postings = new HashMap<>(counts.size() * 2);
        double[] squares = new double[size];
        counts.forEach((term, byOrd) -> {
            double idf = idf(size, byOrd.size());
            int[] ords =
                    byOrd.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            float[] weights = new float[ords.length];
            for (int i = 0; i < ords.length; i++) {
                double weight = tf(byOrd.get(ords[i])) * idf;
                weights[i] = (float) weight;
                squares[ords[i]] += weight * weight;
            }
            postings.put(term, new Postings(ords, weights));
        });
        double[] norms = new double[size];
        for (int ord = 0; ord < size; ord++) {
            norms[ord] = Math.sqrt(squares[ord]);
        }
        long[] ids = new long[size];
        for (int ord = 0; ord < size; ord++) {
            ids[ord] = papers[ord].id();
        }
        return new SimilarityIndex(ids, postings, norms);
    }

    private static void count(
            LeafReaderContext leaf, String field, int weight, int[] ordOfDoc, Map<String, Map<Integer, Integer>> counts)
            throws IOException {
        Terms terms = leaf.reader().terms(field);
        if (terms == null) {
            return;
        }
        TermsEnum words = terms.iterator();
        PostingsEnum docs = null;
        for (BytesRef word = words.next(); word != null; word = words.next()) {
            Map<Integer, Integer> byOrd = counts.computeIfAbsent(word.utf8ToString(), w -> new HashMap<>());
            docs = words.postings(docs, PostingsEnum.FREQS);
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                byOrd.merge(ordOfDoc[leaf.docBase + doc], weight * docs.freq(), Integer::sum);
            }
        }
    }

    private static double tf(int count) {
        return 1 + Math.log(count);
    }

    private static double idf(int papers, int having) {
        return Math.log((papers + 1.0) / (having + 1.0)) + 1;
    }

    /**
     * The papers at least {@link #THRESHOLD} similar to the liked one, the liked paper itself
     * aside; {@code terms} gives the words a paper shares with it, for highlighting.
     */
    QueryResult similarTo(LikedPaper liked, PaperAnalysis analysis, TermsOfPaper terms) {
        return similarTo(liked, analysis, terms, THRESHOLD);
    }

    /** The words of a paper, as written, that it shares with the liked one. */
    interface TermsOfPaper {
        List<String> shared(List<String> stems, int ord);
    }

    QueryResult similarTo(LikedPaper liked, PaperAnalysis analysis, TermsOfPaper terms, double threshold) {
        List<Weighted> query = distinctiveTerms(liked, analysis);
        if (query.isEmpty()) {
            return QueryResult.NONE;
        }
        double queryNorm = Math.sqrt(
                query.stream().mapToDouble(w -> w.weight() * w.weight()).sum());
        double[] dot = new double[size];
        byte[] shared = new byte[size];
        for (Weighted word : query) {
            Postings having = postings.get(word.term());
            for (int i = 0; i < having.ords().length; i++) {
                dot[having.ords()[i]] += word.weight() * having.weights()[i];
                shared[having.ords()[i]]++;
            }
        }
        int count = 0;
        int[] ords = new int[size];
        double[] scores = new double[size];
        for (int ord = 0; ord < size; ord++) {
            double cosine = dot[ord] == 0 ? 0 : dot[ord] / (queryNorm * norms[ord]);
            if (cosine >= threshold && shared[ord] >= MIN_SHARED_TERMS && !isLiked(liked, ord)) {
                ords[count] = ord;
                scores[count++] = cosine * SCORE_SCALE;
            }
        }
        if (count == 0) {
            return QueryResult.NONE;
        }
        // highlighting looks for the most distinctive words only, once per paper: every
        // subscriber who liked this paper asks again for the papers they are shown
        List<String> stems =
                query.stream().limit(HIGHLIGHTED_TERMS).map(Weighted::term).toList();
        AtomicReferenceArray<List<String>> shown = new AtomicReferenceArray<>(size);
        return new QueryResult(Arrays.copyOf(ords, count), Arrays.copyOf(scores, count), ord -> {
            List<String> words = shown.get(ord);
            if (words == null) {
                words = terms.shared(stems, ord);
                shown.set(ord, words);
            }
            return words;
        });
    }

    private boolean isLiked(LikedPaper liked, int ord) {
        return ids[ord] == liked.id();
    }

    /** The liked paper's {@value #QUERY_TERMS} words of highest tf-idf among those the day's papers use. */
    private List<Weighted> distinctiveTerms(LikedPaper liked, PaperAnalysis analysis) {
        Map<String, Integer> counts = new HashMap<>();
        for (PaperAnalysis.Token token : analysis.terms(liked.title())) {
            counts.merge(token.term(), TITLE_WEIGHT, Integer::sum);
        }
        for (PaperAnalysis.Token token : analysis.terms(liked.abstractText())) {
            counts.merge(token.term(), 1, Integer::sum);
        }
        List<Weighted> words = new ArrayList<>(counts.size());
        counts.forEach((term, count) -> {
            Postings having = postings.get(term);
            if (having != null) {
                words.add(new Weighted(term, tf(count) * idf(size, having.ords().length)));
            }
        });
        words.sort((a, b) -> a.weight() != b.weight()
                ? Double.compare(b.weight(), a.weight())
                : a.term().compareTo(b.term()));
        return List.copyOf(words.subList(0, Math.min(QUERY_TERMS, words.size())));
    }
}
