package dev.paperdigest.digests;

import dev.paperdigest.common.DigestConfig;
import dev.paperdigest.common.PublicLinks;
import dev.paperdigest.matching.PaperMatch;
import dev.paperdigest.matching.QueryKind;
import dev.paperdigest.matching.Ranking;
import dev.paperdigest.matching.SnippetHighlighter;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.papers.PaperDisplay;
import dev.paperdigest.subscriptions.LinkPurpose;
import dev.paperdigest.subscriptions.LinkTokens;
import dev.paperdigest.subscriptions.Subscriber;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns a subscriber's matches into a {@link Digest}: ranked, capped, with links and reasons. */
@ApplicationScoped
public class DigestComposer {

    static final int SNIPPET_CHARS = 420;

    private final DigestConfig config;
    private final LinkTokens tokens;
    private final PublicLinks links;
    private final Clock clock;

    public DigestComposer(DigestConfig config, LinkTokens tokens, PublicLinks links, Clock clock) {
        this.config = config;
        this.tokens = tokens;
        this.links = links;
        this.clock = clock;
    }

    public Digest compose(Subscriber subscriber, DigestPeriod period, List<PaperMatch> matches) {
        Instant now = clock.instant();
        List<PaperMatch> ranked = new ArrayList<>(matches);
        // a paper whose publication date is unknown counts from when it was first seen
        ranked.sort(Comparator.comparingDouble((PaperMatch m) -> Ranking.rank(m.score, m.paper.upvotes,
                        m.paper.publishedAt != null ? m.paper.publishedAt : m.paper.firstSeenAt, now))
                .reversed().thenComparing(m -> m.paper.id));
        int shown = Math.min(ranked.size(), config.delivery().maxPapers());
        List<Digest.Item> items = new ArrayList<>(shown);
        for (PaperMatch match : ranked.subList(0, shown)) {
            items.add(item(match));
        }
        return new Digest(subscriber.email, period, items, ranked.size() - shown,
                links.withToken("/manage", tokens.issue(subscriber, LinkPurpose.MANAGE)),
                links.withToken("/unsubscribe", tokens.issue(subscriber, LinkPurpose.UNSUBSCRIBE)));
    }

    private Digest.Item item(PaperMatch match) {
        Paper paper = match.paper;
        return new Digest.Item(paper.title, paper.arxivUrl(), paper.pdfUrl(), paper.huggingFaceUrl(),
                PaperDisplay.metaLine(paper), paper.upvotes,
                SnippetHighlighter.snippet(paper.abstractText, match.matchedTerms, SNIPPET_CHARS),
                reasons(match.reasons));
    }

    static List<String> reasons(List<String> stored) {
        Set<String> reasons = new LinkedHashSet<>();
        for (String line : stored) {
            int tab = line.indexOf('\t');
            QueryKind kind = QueryKind.valueOf(line.substring(0, tab));
            String query = line.substring(tab + 1);
            reasons.add(switch (kind) {
                case KEYWORD -> "keyword “" + query + "”";
                case AUTHOR -> "author " + query;
                case CATEGORY -> "category " + query;
            });
        }
        return new ArrayList<>(reasons);
    }
}
