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

        static native TemplateInstance alreadyGone(String email);
    }

    private final SubscriptionService service;
    private final LinkTokens tokens;
    private final PublicLinks links;

    public UnsubscribePage(SubscriptionService service, LinkTokens tokens, PublicLinks links) {
        this.service = service;
        this.tokens = tokens;
        this.links = links;
    }

    @GET
    public TemplateInstance ask(@QueryParam("token") String token) {
        Subscriber subscriber;
        try {
            subscriber = tokens.verify(token, LinkPurpose.UNSUBSCRIBE);
        } catch (LinkTokens.RefusedLinkException refused) {
            return alreadyGone(token, refused);
        }
        return Templates.ask(subscriber.email, token);
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA, MediaType.WILDCARD})
    public TemplateInstance unsubscribe(@QueryParam("token") String token) {
        Subscriber subscriber;
        try {
            subscriber = service.unsubscribe(token);
        } catch (LinkTokens.RefusedLinkException refused) {
            return alreadyGone(token, refused); // a mail client posting twice gets its 200 too
        }
        return Templates.done(
                subscriber.email, links.withToken("/manage", tokens.issue(subscriber, LinkPurpose.MANAGE)));
    }

    /**
     * Unsubscribing revoked the person's links, the unsubscribe link among them: clicked again, it
     * says they are unsubscribed (and offers nothing, since the link no longer grants anything).
     */
    private TemplateInstance alreadyGone(String token, LinkTokens.RefusedLinkException refused) {
        return tokens.revokedHolder(token, LinkPurpose.UNSUBSCRIBE)
                .filter(subscriber -> subscriber.status == SubscriberStatus.UNSUBSCRIBED)
                .map(subscriber -> Templates.alreadyGone(subscriber.email))
                .orElseThrow(() -> refused);
    }
}
