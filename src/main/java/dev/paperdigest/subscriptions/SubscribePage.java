package dev.paperdigest.subscriptions;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;

/** The sign-up form and its answer. */
@Path("/subscribe")
@Produces(MediaType.TEXT_HTML)
public class SubscribePage {

    private static final Logger LOG = Logger.getLogger(SubscribePage.class);

    @CheckedTemplate
    static class Templates {
        /** {@code weeklyDay}: the day weekly digests go out, "Thursday"; {@code preview}: none unless asked for. */
        static native TemplateInstance form(
                SubscriptionForm form, FormErrors errors, String weeklyDay, SubscriptionPreview preview);

        static native TemplateInstance checkInbox(String email);

        static native TemplateInstance preview(SubscriptionPreview preview);
    }

    private final SubscriptionFormValidator validator;
    private final SubscriptionService service;
    private final SubscribeRateLimiter rateLimiter;
    private final WeeklyDigestDay weeklyDay;
    private final SubscriptionPreviews previews;

    public SubscribePage(
            SubscriptionFormValidator validator,
            SubscriptionService service,
            SubscribeRateLimiter rateLimiter,
            WeeklyDigestDay weeklyDay,
            SubscriptionPreviews previews) {
        this.validator = validator;
        this.service = service;
        this.rateLimiter = rateLimiter;
        this.weeklyDay = weeklyDay;
        this.previews = previews;
    }

    /**
     * @param keywords keyword queries to start the form with, one per line (the front page's search links here)
     * @param papers   arXiv ids or links of liked papers to start the form with, one per line
     */
    @GET
    public TemplateInstance show(@RestQuery String keywords, @RestQuery String papers) {
        SubscriptionForm form = SubscriptionForm.blank();
        form.keywords = keywords == null || keywords.isBlank() ? null : keywords.strip();
        form.papers = papers == null || papers.isBlank() ? null : papers.strip();
        return form(form, new FormErrors());
    }

    /**
     * The live preview: an HTML fragment with, per line of keywords, authors, categories and papers, how
     * many papers of the last 7 days it would have matched and the best of them, or the form's
     * message for a line it would refuse. Sends nothing and stores nothing.
     */
    @GET
    @Path("preview")
    public Response previewFragment(
            @RestQuery String keywords,
            @RestQuery String authors,
            @RestQuery List<String> categories,
            @RestQuery String papers,
            @Context HttpServerRequest request) {
        SubscriptionForm form = new SubscriptionForm();
        form.keywords = keywords;
        form.authors = authors;
        form.categories = categories;
        form.papers = papers;
        SubscriptionPreview preview =
                previews.preview(form, request.remoteAddress().hostAddress());
        return Response.status(preview.refusal() != null ? 429 : 200)
                .entity(Templates.preview(preview))
                .build();
    }

    /** The Preview button, for browsers without JavaScript: the form as posted, with its preview. */
    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response previewPage(@BeanParam SubscriptionForm form, @Context HttpServerRequest request) {
        SubscriptionPreview preview =
                previews.preview(form, request.remoteAddress().hostAddress());
        return Response.status(preview.refusal() != null ? 429 : 200)
                .entity(Templates.form(form, new FormErrors(), weeklyDay.name(), preview))
                .build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@BeanParam SubscriptionForm form, @Context HttpServerRequest request) {
        FormErrors errors = new FormErrors();
        if (!rateLimiter.allow(request.remoteAddress().hostAddress())) {
            errors.add("form", "Too many sign-ups from your network in the last hour. Please try again later.");
            return Response.status(429).entity(form(form, errors)).build();
        }
        SubscriptionRequest valid = validator.validate(form, true, errors);
        if (valid == null) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(form(form, errors))
                    .build();
        }
        try {
            service.subscribe(valid);
        } catch (RuntimeException e) {
            LOG.error("sign-up email could not be sent", e);
            errors.add("form", "We could not send you an email just now. Please try again in a few minutes.");
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .entity(form(form, errors))
                    .build();
        }
        return Response.ok(Templates.checkInbox(valid.email())).build();
    }

    private TemplateInstance form(SubscriptionForm form, FormErrors errors) {
        return Templates.form(form, errors, weeklyDay.name(), null);
    }
}
