package dev.paperdigest.matching;

/** One subscription as the matcher sees it. */
public record StoredQuery(long subscriptionId, long subscriberId, QueryKind kind, String text) {
}
