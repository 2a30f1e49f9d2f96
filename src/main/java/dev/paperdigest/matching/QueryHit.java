package dev.paperdigest.matching;

import java.util.List;

/**
 * One query matching one paper.
 *
 * @param score        relevance of the paper to this query (higher is better, comparable within a digest)
 * @param matchedTerms the words of the paper that made it match, for highlighting
 */
public record QueryHit(long subscriptionId, long subscriberId, long paperId, double score,
                       List<String> matchedTerms) {
}
