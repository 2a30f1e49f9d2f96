package dev.paperdigest.subscriptions;

import dev.paperdigest.matching.MatchablePaper;
import dev.paperdigest.papers.Paper;

/** Papers as the matching engine reads them, for digests and previews alike. */
public final class MatchablePapers {

    private MatchablePapers() {}

    public static MatchablePaper of(Paper paper) {
        // a paper whose publication date is unknown counts from when it was first seen
        return new MatchablePaper(
                paper.id,
                paper.title,
                paper.abstractText,
                paper.authors,
                paper.categories,
                paper.upvotes,
                paper.publishedAt != null ? paper.publishedAt : paper.firstSeenAt);
    }
}
