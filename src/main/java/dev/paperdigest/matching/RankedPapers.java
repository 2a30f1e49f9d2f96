package dev.paperdigest.matching;

import java.util.List;

/**
 * The best papers for one set of queries, best first, and how many matched in all.
 *
 * @param top   at most the limit asked for
 * @param total every paper that matched at least one query, {@code top} included
 */
public record RankedPapers(List<Ranked> top, int total) {

    public static final RankedPapers NONE = new RankedPapers(List.of(), 0);

    /**
     * One paper in the order of {@link Ranking}.
     *
     * @param queries      indexes, into the queries asked with, of those that matched this paper
     * @param matchedTerms the words of the paper that made it match, as written
     */
    public record Ranked(long paperId, double rank, List<Integer> queries, List<String> matchedTerms) {}

    public int moreCount() {
        return total - top.size();
    }
}
