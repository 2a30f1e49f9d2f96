package dev.paperdigest.matching;

import java.time.Duration;
import java.time.Instant;

/**
 * Orders the papers inside one digest:
 * <pre>
 *   rank = relevance × (1 + ln(1 + upvotes) / 4) × 0.5^(age in days / 7)
 * </pre>
 * Relevance (the matcher's score, summed over the subscriber's queries that hit) dominates.
 * {@link LuceneMatcher} scores a keyword hit with BM25 (k1 = 1.2, b = 0.75) over title and
 * abstract, the title counting double (on the seed papers: about 1 to 12 for specific words such
 * as "quantization" or "sparse attention", near 0 for a word nearly every paper has; each word
 * found adds its share; a prefix counts a constant 2 in the title, 1 in the abstract); a followed
 * author scores 8, so such a paper ranks near the top; a category scores 1, below any good
 * keyword hit. So a paper found by several subscriptions rises. Upvotes lift a paper
 * logarithmically, so 100 upvotes count about twice as much as none; age halves the rank every
 * week, so last month's paper announced late sinks below today's. A person's votes on earlier
 * papers multiply the rank once more, by 0.5 to 2 ({@link Preferences}).
 */
public final class Ranking {

    static final double UPVOTE_DAMPING = 4.0;
    static final double HALF_LIFE_DAYS = 7.0;

    private Ranking() {}

    public static double rank(double relevance, Integer upvotes, Instant publishedAt, Instant now) {
        return relevance * weight(upvotes, publishedAt, now);
    }

    /** What a paper's rank owes to its upvotes and age: the same for every query that matches it. */
    static double weight(Integer upvotes, Instant publishedAt, Instant now) {
        double popularity = 1 + Math.log1p(upvotes == null ? 0 : Math.max(0, upvotes)) / UPVOTE_DAMPING;
        double ageDays = publishedAt == null
                ? 0
                : Math.max(0, Duration.between(publishedAt, now).toHours() / 24.0);
        double recency = Math.pow(0.5, ageDays / HALF_LIFE_DAYS);
        return popularity * recency;
    }
}
