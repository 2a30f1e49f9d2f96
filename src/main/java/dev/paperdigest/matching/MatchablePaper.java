package dev.paperdigest.matching;

import java.time.Instant;
import java.util.List;

/**
 * The part of a paper that matching and ranking read; free of persistence so matchers stay
 * swappable. {@code publishedAt} is when the paper appeared (or was first seen, when unknown).
 */
public record MatchablePaper(
        long id,
        String title,
        String abstractText,
        List<String> authors,
        List<String> categories,
        Integer upvotes,
        Instant publishedAt) {

    /** A paper known by its text alone: no upvotes, no date. */
    public MatchablePaper(long id, String title, String abstractText, List<String> authors, List<String> categories) {
        this(id, title, abstractText, authors, categories, null, null);
    }
}
