package dev.paperdigest.matching;

/**
 * A paper someone likes, as much of it as finding similar ones takes. {@code id} is its
 * {@link MatchablePaper#id()}: among the papers matched, the liked paper itself is never similar.
 */
public record LikedPaper(long id, String title, String abstractText) {}
