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

/** The sign-up form and its answer. */
@Path("/subscribe")
@Produces(MediaType.TEXT_HTML)
public class SubscribePage {

    private static final Logger LOG = Logger.getLogger(SubscribePage.class);

    @CheckedTemplate
    static class Templates {
        /** {@code weeklyDay}: the day weekly digests go out, "Thursday". */
        static native TemplateInstance form(SubscriptionForm form, FormErrors errors, String weeklyDay);

        static native TemplateInstance checkInbox(String email);
    }

    private final SubscriptionFormValidator validator;
    private final SubscriptionService service;
    private final SubscribeRateLimiter rateLimiter;
    private final WeeklyDigestDay weeklyDay;

    public SubscribePage(
            SubscriptionFormValidator validator,
            SubscriptionService service,
            SubscribeRateLimiter rateLimiter,
            WeeklyDigestDay weeklyDay) {
        this.validator = validator;
        this.service = service;
        this.rateLimiter = rateLimiter;
        this.weeklyDay = weeklyDay;
    }

    @GET
    public TemplateInstance show() {
        return form(SubscriptionForm.blank(), new FormErrors());
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
        return Templates.form(form, errors, weeklyDay.name());
    }
}
