package dev.paperdigest.digests;

import dev.paperdigest.common.PublicLinks;
import dev.paperdigest.matching.SnippetHighlighter;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.papers.PaperDisplay;
import dev.paperdigest.subscriptions.LinkPurpose;
import dev.paperdigest.subscriptions.LinkTokens;
import dev.paperdigest.subscriptions.Subscriber;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a delivery's {@link Selection} into a {@link Digest}: the papers as shown, with links and reasons. */
@ApplicationScoped
public class DigestComposer {

    static final int SNIPPET_CHARS = 420;

    private final LinkTokens tokens;
    private final PublicLinks links;

    public DigestComposer(LinkTokens tokens, PublicLinks links) {
        this.tokens = tokens;
        this.links = links;
    }

    /** The digest showing a selection; papers deleted since it was made are left out. */
    public Digest compose(Subscriber subscriber, DigestPeriod period, Selection selection, Map<Long, Paper> papers) {
        List<Digest.Item> items = new ArrayList<>(selection.picks().size());
        for (Selection.Pick pick : selection.picks()) {
            Paper paper = papers.get(pick.paperId());
            if (paper != null) {
                items.add(item(paper, pick));
            }
        }
        return new Digest(subscriber.email, period, items, selection.moreCount(),
                links.withToken("/manage", tokens.issue(subscriber, LinkPurpose.MANAGE)),
                links.withToken("/unsubscribe", tokens.issue(subscriber, LinkPurpose.UNSUBSCRIBE)));
    }

    private static Digest.Item item(Paper paper, Selection.Pick pick) {
        return new Digest.Item(paper.title, paper.arxivUrl(), paper.pdfUrl(), paper.huggingFaceUrl(),
                PaperDisplay.metaLine(paper), paper.upvotes,
                SnippetHighlighter.snippet(paper.abstractText, pick.terms(), SNIPPET_CHARS),
                pick.describedReasons());
    }
}
