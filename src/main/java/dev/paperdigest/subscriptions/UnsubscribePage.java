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
 * Leaving. GET shows one button (so link scanners that open every link unsubscribe nobody);
 * POST is RFC 8058 one-click: mail clients post {@code List-Unsubscribe=One-Click} and expect
 * a 200 with no further step.
 */
@Path("/unsubscribe")
@Produces(MediaType.TEXT_HTML)
public class UnsubscribePage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance ask(String email, String token);

        static native TemplateInstance done(String email, String manageUrl);
    }

    private final SubscriptionService service;
    private final LinkTokens tokens;
    private final dev.paperdigest.common.PublicLinks links;

    public UnsubscribePage(SubscriptionService service, LinkTokens tokens, dev.paperdigest.common.PublicLinks links) {
        this.service = service;
        this.tokens = tokens;
        this.links = links;
    }

    @GET
    public TemplateInstance ask(@QueryParam("token") String token) {
        Subscriber subscriber = tokens.verify(token, LinkPurpose.UNSUBSCRIBE);
        return Templates.ask(subscriber.email, token);
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA, MediaType.WILDCARD})
    public TemplateInstance unsubscribe(@QueryParam("token") String token) {
        Subscriber subscriber = service.unsubscribe(token);
        return Templates.done(subscriber.email, links.withToken("/manage", tokens.issue(subscriber, LinkPurpose.MANAGE)));
    }
}
