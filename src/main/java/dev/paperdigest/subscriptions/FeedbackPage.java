package dev.paperdigest.subscriptions;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The "More like this" and "Fewer like this" links beside each paper of a digest. GET only
 * shows the button, because mail scanners open every link; the POST of that button records the
 * vote. No login: the signed link names the subscriber.
 */
@Path("/feedback")
@Produces(MediaType.TEXT_HTML)
public class FeedbackPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance ask(PaperVotes.Asked asked);

        static native TemplateInstance recorded(PaperVotes.Asked asked);
    }

    private final PaperVotes votes;

    public FeedbackPage(PaperVotes votes) {
        this.votes = votes;
    }

    @GET
    public TemplateInstance ask(
            @QueryParam("token") String token, @QueryParam("paper") String paper, @QueryParam("vote") String vote) {
        return Templates.ask(votes.ask(token, paper, vote));
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    public TemplateInstance record(
            @QueryParam("token") String token, @QueryParam("paper") String paper, @QueryParam("vote") String vote) {
        return Templates.recorded(votes.record(token, paper, vote));
    }
}
