package dev.paperdigest.subscriptions;

import dev.paperdigest.common.PublicLinks;
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
 * The link in the confirmation email: double opt-in. GET only shows a button, because mail
 * scanners open every link; the POST of that button (a plain form) activates.
 */
@Path("/confirm")
@Produces(MediaType.TEXT_HTML)
public class ConfirmPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance ask(String email, String token);

        /** {@code every}: "every day", "every Thursday". */
        static native TemplateInstance confirmed(Subscriber subscriber, String manageUrl, String every);
    }

    private final SubscriptionService service;
    private final LinkTokens tokens;
    private final PublicLinks links;
    private final WeeklyDigestDay weeklyDay;

    public ConfirmPage(SubscriptionService service, LinkTokens tokens, PublicLinks links, WeeklyDigestDay weeklyDay) {
        this.service = service;
        this.tokens = tokens;
        this.links = links;
        this.weeklyDay = weeklyDay;
    }

    @GET
    public TemplateInstance ask(@QueryParam("token") String token) {
        return Templates.ask(tokens.verify(token, LinkPurpose.CONFIRM).email, token);
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    public TemplateInstance confirm(@QueryParam("token") String token) {
        Subscriber subscriber = service.confirm(token);
        return Templates.confirmed(
                subscriber,
                links.withToken("/manage", tokens.issue(subscriber, LinkPurpose.MANAGE)),
                weeklyDay.every(subscriber.frequency));
    }
}
