package dev.paperdigest.matching;

import java.util.Arrays;
import java.util.List;
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

    QueryResult(int[] ords, double[] scores, IntFunction<List<String>> termsOf) {
        this.ords = ords;
        this.scores = scores;
        this.termsOf = termsOf;
    }

    int size() {
        return ords.length;
    }

    boolean contains(int ord) {
        return Arrays.binarySearch(ords, ord) >= 0;
    }

    /** The words of paper {@code ord} that made it match, as written. */
    List<String> terms(int ord) {
        return termsOf.apply(ord);
    }
}
