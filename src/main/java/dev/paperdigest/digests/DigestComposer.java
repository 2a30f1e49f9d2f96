package dev.paperdigest.digests;

import dev.paperdigest.common.PublicLinks;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.subscriptions.FeedbackVote;
import dev.paperdigest.subscriptions.LinkPurpose;
import dev.paperdigest.subscriptions.LinkTokens;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a delivery's {@link Selection} into a {@link Digest}: the papers as shown, with links and reasons. */
@ApplicationScoped
public class DigestComposer {

    private final LinkTokens tokens;
    private final PublicLinks links;

    public DigestComposer(LinkTokens tokens, PublicLinks links) {
        this.tokens = tokens;
        this.links = links;
    }

    /** The digest showing a selection; papers deleted since it was made are left out. */
    Digest compose(Addressee to, DigestPeriod period, Selection selection, Map<Long, Paper> papers, PaperViews views) {
        List<Digest.Item> items = new ArrayList<>(selection.picks().size());
        // one signed link for every paper of the digest: the paper and the vote ride beside it
        String feedback = links.withToken("/feedback", issue(to, LinkPurpose.FEEDBACK));
        for (Selection.Pick pick : selection.picks()) {
            Paper paper = papers.get(pick.paperId());
            if (paper != null) {
                items.add(item(paper, pick, views, feedback));
            }
        }
        return new Digest(
                to.email(),
                period,
                items,
                selection.moreCount(),
                links.withToken("/manage", issue(to, LinkPurpose.MANAGE)),
                links.withToken("/unsubscribe", issue(to, LinkPurpose.UNSUBSCRIBE)),
                links.withToken("/feed", issue(to, LinkPurpose.FEED)));
    }

    private String issue(Addressee to, LinkPurpose purpose) {
        return tokens.issue(to.publicId(), to.tokenGeneration(), purpose);
    }

    private static Digest.Item item(Paper paper, Selection.Pick pick, PaperViews views, String feedback) {
        PaperViews.RenderedCard card = views.card(paper, pick.terms());
        String voteOn = feedback + "&paper=" + URLEncoder.encode(paper.arxivId, StandardCharsets.UTF_8) + "&vote=";
        return new Digest.Item(
                card,
                new PaperViews.Reader(
                        pick.describedReasons(),
                        voteOn + FeedbackVote.MORE.param(),
                        voteOn + FeedbackVote.FEWER.param()));
    }
}
