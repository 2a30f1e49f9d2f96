package dev.paperdigest.matching;

/** What a subscription follows. */
public enum QueryKind {
    KEYWORD,
    AUTHOR,
    CATEGORY
}
