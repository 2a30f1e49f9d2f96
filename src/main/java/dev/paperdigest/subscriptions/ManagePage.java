package dev.paperdigest.subscriptions;

import dev.paperdigest.common.PublicLinks;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/** Seeing and changing one's subscriptions without an account: the signed link is the login. */
@Path("/manage")
@Produces(MediaType.TEXT_HTML)
public class ManagePage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance manage(
                Subscriber subscriber,
                SubscriptionForm form,
                FormErrors errors,
                String token,
                String unsubscribeUrl,
                String feedUrl,
                String weeklyDay,
                boolean saved,
                boolean revoked,
                SubscriptionPreview preview,
                PaperVotes.Learnt learnt,
                boolean forgotten);
    }

    private final SubscriptionService service;
    private final SubscriptionFormValidator validator;
    private final LinkTokens tokens;
    private final PublicLinks links;
    private final WeeklyDigestDay weeklyDay;
    private final SubscriptionPreviews previews;
    private final PaperVotes votes;
    private final SubscribeRateLimiter rateLimiter;

    public ManagePage(
            SubscriptionService service,
            SubscriptionFormValidator validator,
            LinkTokens tokens,
            PublicLinks links,
            WeeklyDigestDay weeklyDay,
            SubscriptionPreviews previews,
            PaperVotes votes,
            SubscribeRateLimiter rateLimiter) {
        this.service = service;
        this.validator = validator;
        this.tokens = tokens;
        this.links = links;
        this.weeklyDay = weeklyDay;
        this.previews = previews;
        this.votes = votes;
        this.rateLimiter = rateLimiter;
    }

    @GET
    public TemplateInstance show(
            @QueryParam("token") String token,
            @QueryParam("revoked") boolean revoked,
            @QueryParam("forgotten") boolean forgotten) {
        Subscriber subscriber = service.forManaging(token);
        return page(
                subscriber, SubscriptionForm.of(subscriber), new FormErrors(), token, false, revoked, forgotten, null);
    }

    /** The Preview button, for browsers without JavaScript: the form as posted, with its preview; nothing is saved. */
    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response preview(
            @QueryParam("token") String token, @BeanParam SubscriptionForm form, @Context HttpServerRequest request) {
        Subscriber subscriber = service.forManaging(token);
        form.email = subscriber.email;
        SubscriptionPreview preview =
                previews.preview(form, request.remoteAddress().hostAddress());
        return Response.status(preview.refusal() != null ? 429 : 200)
                .entity(page(subscriber, form, new FormErrors(), token, false, false, false, preview))
                .build();
    }

    /** Signs out everywhere: every link sent so far stops working, and this browser moves to a fresh one. */
    @POST
    @Path("revoke")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    public Response revoke(@QueryParam("token") String token) {
        Subscriber subscriber = service.revokeLinks(token);
        String fresh = tokens.issue(subscriber, LinkPurpose.MANAGE);
        return Response.seeOther(UriBuilder.fromPath("/manage")
                        .queryParam("token", fresh)
                        .queryParam("revoked", true)
                        .build())
                .build();
    }

    /** "Forget what my digest learnt": the votes on papers go, and the ranking is as it was before them. */
    @POST
    @Path("forget")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    public Response forget(@QueryParam("token") String token) {
        votes.forget(token);
        return Response.seeOther(UriBuilder.fromPath("/manage")
                        .queryParam("token", token)
                        .queryParam("forgotten", true)
                        .build())
                .build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(
            @QueryParam("token") String token, @BeanParam SubscriptionForm form, @Context HttpServerRequest request) {
        Subscriber subscriber = service.forManaging(token);
        FormErrors errors = new FormErrors();
        // a save that makes Paper Digest ask arXiv counts like a sign-up post of the network, so
        // that a manage link cannot keep arXiv's polite gate busy for everyone else
        SubscriptionRequest valid = validator.validate(
                form, false, () -> rateLimiter.allow(request.remoteAddress().hostAddress()), errors);
        if (valid == null) {
            form.email = subscriber.email;
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(page(subscriber, form, errors, token, false, false, false, null))
                    .build();
        }
        Subscriber saved = service.update(token, valid);
        return Response.ok(page(saved, SubscriptionForm.of(saved), errors, token, true, false, false, null))
                .build();
    }

    private TemplateInstance page(
            Subscriber subscriber,
            SubscriptionForm form,
            FormErrors errors,
            String token,
            boolean saved,
            boolean revoked,
            boolean forgotten,
            SubscriptionPreview preview) {
        return Templates.manage(
                subscriber,
                form,
                errors,
                token,
                links.withToken("/unsubscribe", tokens.issue(subscriber, LinkPurpose.UNSUBSCRIBE)),
                links.withToken("/feed", tokens.issue(subscriber, LinkPurpose.FEED)),
                weeklyDay.name(),
                saved,
                revoked,
                preview,
                votes.learnt(subscriber),
                forgotten);
    }
}
