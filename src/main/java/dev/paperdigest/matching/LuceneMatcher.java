package dev.paperdigest.matching;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;

/**
 * Matching on Lucene, shaped for a million people against one day of papers
 * (docs/PERFORMANCE.md): the papers go into a small in-memory index ({@link DayIndex}) and a
 * {@link MatchSession} evaluates each distinct query once against it. Nothing outlives a session,
 * so there is no state to rebuild at start-up or to keep consistent across instances.
 */
@ApplicationScoped
public class LuceneMatcher implements PaperMatcher {

    private static final int MAX_QUERY_LENGTH = KeywordQuery.MAX_LENGTH;

    private final PaperAnalysis analysis;

    public LuceneMatcher() {
        this(PaperAnalysis.ENGLISH);
    }

    /** A matcher that indexes and searches with another analysis, for comparing analyses. */
    LuceneMatcher(PaperAnalysis analysis) {
        this.analysis = analysis;
    }

    @Override
    public String validate(QueryKind kind, String text) throws InvalidQueryException {
        String query = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (query.isEmpty()) {
            throw new InvalidQueryException("is empty");
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new InvalidQueryException("is longer than " + MAX_QUERY_LENGTH + " characters");
        }
        if (kind == null) {
            throw new InvalidQueryException("has no kind (keyword, author, category or similar paper)");
        }
        return switch (kind) {
            case KEYWORD -> {
                KeywordQuery.parse(query, analysis::terms);
                yield query;
            }
            case AUTHOR -> AuthorName.validate(query);
            case CATEGORY -> ArxivCategories.validate(query);
            // the key of a liked paper is the caller's (an arXiv id): any non-blank text will do
            case SIMILAR -> query;
        };
    }

    @Override
    public MatchSession index(Collection<MatchablePaper> papers, Instant now) {
        return new MatchSession(DayIndex.build(papers, analysis), now);
    }
}
