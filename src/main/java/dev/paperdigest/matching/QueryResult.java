package dev.paperdigest.matching;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * The papers one distinct query matches in a {@link MatchSession}, shared by everyone who follows
 * that query: paper ordinals in ascending order, a score each, and the matched words of a paper
 * worked out only when asked for (a digest shows a few dozen papers, a broad query matches hundreds).
 */
final class QueryResult {

    static final QueryResult NONE = new QueryResult(new int[0], new double[0], ord -> List.of());

    final int[] ords;
    final double[] scores;
    private final IntFunction<List<String>> termsOf;
    /** {@link #terms} once worked out, by index into {@link #ords}. */
    private final AtomicReferenceArray<List<String>> terms;

    QueryResult(int[] ords, double[] scores, IntFunction<List<String>> termsOf) {
        this.ords = ords;
        this.scores = scores;
        this.termsOf = termsOf;
        this.terms = new AtomicReferenceArray<>(ords.length);
    }

    int size() {
        return ords.length;
    }

    /** Where paper {@code ord} is in {@link #ords}, or a negative number. */
    int indexOf(int ord) {
        return Arrays.binarySearch(ords, ord);
    }

    /** The words of the paper at {@code index} that made it match, as written; worked out once. */
    List<String> termsAt(int index) {
        List<String> found = terms.get(index);
        if (found == null) {
            found = termsOf.apply(ords[index]);
            terms.compareAndSet(index, null, found);
        }
        return found;
    }
}
