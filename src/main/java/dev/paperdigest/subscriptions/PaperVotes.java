package dev.paperdigest.subscriptions;

import dev.paperdigest.common.Database;
import dev.paperdigest.papers.Paper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/** "More like this" and "Fewer like this": the votes of the links in digests, and forgetting them. */
@ApplicationScoped
public class PaperVotes {

    /** What a feedback link asks about. */
    public record Asked(String token, String arxivId, String title, FeedbackVote vote) {

        /** The query of the link, which the button posts back to. */
        public String query() {
            return "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&paper="
                    + URLEncoder.encode(arxivId, StandardCharsets.UTF_8) + "&vote=" + vote.param();
        }
    }

    private final LinkTokens tokens;
    private final Clock clock;

    public PaperVotes(LinkTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * What a feedback link asks, recording nothing. A link naming no known paper or vote is
     * refused as not valid (a digest only carries whole ones); someone who left votes no more.
     */
    @Transactional
    public Asked ask(String token, String arxivId, String vote) {
        return read(token, arxivId, vote).asked();
    }

    /** Records the vote of a feedback link; voting again on a paper replaces the earlier vote. */
    public Asked record(String token, String arxivId, String vote) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> recordOnce(token, arxivId, vote));
        } catch (RuntimeException e) {
            if (!Database.isConstraintViolation(e)) {
                throw e;
            }
            // a double click: the other click's vote went in first, this one replaces it
            return QuarkusTransaction.requiringNew().call(() -> recordOnce(token, arxivId, vote));
        }
    }

    private Asked recordOnce(String token, String arxivId, String vote) {
        Read read = read(token, arxivId, vote);
        PaperFeedback.record(read.subscriber().id, read.paper().id, read.asked().vote(), clock.instant());
        PaperFeedback.flush();
        return read.asked();
    }

    /** The titles of the papers a subscriber asked for more and for fewer of, latest first. */
    public record Learnt(List<String> more, List<String> fewer) {
        public boolean isEmpty() {
            return more.isEmpty() && fewer.isEmpty();
        }
    }

    @Transactional
    public Learnt learnt(Subscriber subscriber) {
        List<PaperFeedback.Voted> votes = PaperFeedback.of(subscriber.id);
        return new Learnt(titles(votes, FeedbackVote.MORE), titles(votes, FeedbackVote.FEWER));
    }

    private static List<String> titles(List<PaperFeedback.Voted> votes, FeedbackVote vote) {
        return votes.stream()
                .filter(v -> v.vote() == vote)
                .map(PaperFeedback.Voted::title)
                .toList();
    }

    /** "Forget what my digest learnt": every vote of the manage link's holder goes. */
    @Transactional
    public void forget(String manageToken) {
        PaperFeedback.forget(tokens.verify(manageToken, LinkPurpose.MANAGE).id);
    }

    private record Read(Subscriber subscriber, Paper paper, Asked asked) {}

    private Read read(String token, String arxivId, String voteParam) {
        Subscriber subscriber = tokens.verify(token, LinkPurpose.FEEDBACK);
        if (subscriber.status == SubscriberStatus.UNSUBSCRIBED) {
            throw new LinkTokens.RefusedLinkException(LinkTokens.Refusal.UNSUBSCRIBED);
        }
        FeedbackVote vote = FeedbackVote.ofParam(voteParam).orElseThrow(PaperVotes::invalid);
        Paper paper = arxivId == null ? null : Paper.findByArxivId(arxivId).orElse(null);
        if (paper == null) {
            throw invalid();
        }
        return new Read(subscriber, paper, new Asked(token, paper.arxivId, paper.title, vote));
    }

    private static LinkTokens.RefusedLinkException invalid() {
        return new LinkTokens.RefusedLinkException(LinkTokens.Refusal.INVALID);
    }
}
