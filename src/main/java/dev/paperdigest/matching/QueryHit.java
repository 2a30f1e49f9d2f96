package dev.paperdigest.matching;

import java.util.List;

/**
 * One query matching one paper.
 *
 * @param score        relevance of the paper to the query (higher is better)
 * @param matchedTerms the words of the paper that made it match, as written, for highlighting
 */
public record QueryHit(long paperId, double score, List<String> matchedTerms) {}
