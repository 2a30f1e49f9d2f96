package dev.paperdigest.matching;

/** What a subscription follows. */
public enum QueryKind {
    KEYWORD,
    AUTHOR,
    CATEGORY,
    /** Papers like one the person liked ({@link LikedPaper}), by the words of its title and abstract. */
    SIMILAR
}
