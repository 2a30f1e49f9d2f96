package dev.paperdigest.papers;

import io.quarkus.panache.common.Sort;

/** How a day's papers are listed. */
public enum PaperOrder {
    /** Most upvoted first, so that the papers Hugging Face lists come before the others; then the newest. */
    TRENDING(Sort.by("upvotes", Sort.Direction.Descending, Sort.NullPrecedence.NULLS_LAST)
            .and("publishedAt", Sort.Direction.Descending, Sort.NullPrecedence.NULLS_LAST)
            .and("id")),
    /** The most recently submitted first. */
    NEWEST(Sort.by("publishedAt", Sort.Direction.Descending, Sort.NullPrecedence.NULLS_LAST)
            .and("id", Sort.Direction.Descending));

    final Sort sort;

    PaperOrder(Sort sort) {
        this.sort = sort;
    }
}
