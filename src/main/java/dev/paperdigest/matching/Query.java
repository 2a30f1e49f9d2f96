package dev.paperdigest.matching;

/** One thing a person follows, as the matcher reads it: a keyword query, an author name or a category. */
public record Query(QueryKind kind, String text) {}
