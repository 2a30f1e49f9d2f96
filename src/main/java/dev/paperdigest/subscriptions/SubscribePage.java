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

/** The sign-up form and its answer. */
@Path("/subscribe")
@Produces(MediaType.TEXT_HTML)
public class SubscribePage {

    private static final Logger LOG = Logger.getLogger(SubscribePage.class);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(SubscriptionForm form, FormErrors errors);

        static native TemplateInstance checkInbox(String email);
    }

    private final SubscriptionFormValidator validator;
    private final SubscriptionService service;
    private final SubscribeRateLimiter rateLimiter;

    public SubscribePage(
            SubscriptionFormValidator validator, SubscriptionService service, SubscribeRateLimiter rateLimiter) {
        this.validator = validator;
        this.service = service;
        this.rateLimiter = rateLimiter;
    }

    /** @param keywords keyword queries to start the form with, one per line (the front page's search links here) */
    @GET
    public TemplateInstance show(@RestQuery String keywords) {
        SubscriptionForm form = SubscriptionForm.blank();
        form.keywords = keywords == null || keywords.isBlank() ? null : keywords.strip();
        return Templates.form(form, new FormErrors());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@BeanParam SubscriptionForm form, @Context HttpServerRequest request) {
        FormErrors errors = new FormErrors();
        if (!rateLimiter.allow(request.remoteAddress().hostAddress())) {
            errors.add("form", "Too many sign-ups from your network in the last hour. Please try again later.");
            return Response.status(429).entity(Templates.form(form, errors)).build();
        }
        SubscriptionRequest valid = validator.validate(form, true, errors);
        if (valid == null) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Templates.form(form, errors))
                    .build();
        }
        try {
            service.subscribe(valid);
        } catch (RuntimeException e) {
            LOG.error("sign-up email could not be sent", e);
            errors.add("form", "We could not send you an email just now. Please try again in a few minutes.");
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .entity(Templates.form(form, errors))
                    .build();
        }
        return Response.ok(Templates.checkInbox(valid.email())).build();
    }
}
