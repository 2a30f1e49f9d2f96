package dev.paperdigest.matching;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Per-thread work space of {@link MatchSession#best} and {@link MatchSession#newest}: scores
 * summed per paper, and which papers were touched by this call (a stamp per paper instead of
 * clearing the arrays each time).
 */
final class RankingScratch {

    final double[] score;
    final int[] stamp;
    final int[] touched;
    /** Per-paper weights with a person's {@link Preferences} applied; only the touched papers' are current. */
    final double[] preferred;

    int generation;
    int count;

    RankingScratch(int papers) {
        score = new double[papers];
        stamp = new int[papers];
        touched = new int[papers];
        preferred = new double[papers];
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

    /** The touched papers published last, newest first; those without a date last, ties to the higher id. */
    int[] newest(int limit, DayIndex day) {
        Comparator<Integer> newestFirst = Comparator.<Integer, Instant>comparing(
                        ord -> day.papers[ord].publishedAt(), Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingLong(ord -> day.papers[ord].id())
                .reversed();
        return Arrays.stream(touched, 0, count)
                .boxed()
                .sorted(newestFirst)
                .limit(limit)
                .mapToInt(Integer::intValue)
                .toArray();
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
