package dev.paperdigest.matching;

/**
 * One thing a person follows, as the matcher reads it: a keyword query, an author name, a category,
 * or papers like a liked one. For {@link QueryKind#SIMILAR}, {@code text} is the key the liked paper
 * is known by (its arXiv id: results are shared by everyone who likes it) and {@code liked} its text,
 * null while the paper is not known (it then matches nothing).
 */
public record Query(QueryKind kind, String text, LikedPaper liked) {

    public Query(QueryKind kind, String text) {
        this(kind, text, null);
    }

    /** Papers like {@code liked}, known by {@code key}. */
    public static Query similarTo(String key, LikedPaper liked) {
        return new Query(QueryKind.SIMILAR, key, liked);
    }
}
