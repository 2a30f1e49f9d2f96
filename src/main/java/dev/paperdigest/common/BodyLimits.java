package dev.paperdigest.common;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Set;

/**
 * Request body limits by route, checked on the headers before any of the body is read (a client
 * that sent {@code Expect: 100-continue} gets the refusal instead of the go-ahead). The admin
 * imports may be large and are streamed; everything else, the public forms above all, gets a
 * small limit, and must say its length up front.
 */
@ApplicationScoped
public class BodyLimits {

    static final String PAPER_IMPORT = "/api/admin/papers/import";
    static final String SUBSCRIBER_IMPORT = "/api/admin/subscribers/import";
    /** Runs before Quarkus' own check against {@code quarkus.http.limits.max-body-size} (the largest limit). */
    static final int ORDER = -1000;

    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    private final LimitsConfig config;

    public BodyLimits(LimitsConfig config) {
        this.config = config;
    }

    void install(@Observes StartupEvent event, Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    void check(RoutingContext context) {
        if (!WITH_BODY.contains(context.request().method())) {
            context.next();
            return;
        }
        String path = context.normalizedPath();
        boolean streamed = path.equals(PAPER_IMPORT) || path.equals(SUBSCRIBER_IMPORT);
        long limit = path.equals(SUBSCRIBER_IMPORT)
                ? config.maxSubscriberImportSize().asLongValue()
                : path.equals(PAPER_IMPORT)
                        ? config.maxImportSize().asLongValue()
                        : config.maxFormSize().asLongValue();
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            if (streamed) {
                context.next(); // counted as it is read
            } else {
                refuse(context, 411, "Length Required", "send the length of the body (Content-Length)");
            }
            return;
        }
        long declared;
        try {
            declared = Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            refuse(context, 400, "Bad Request", "Content-Length is not a number");
            return;
        }
        if (declared > limit) {
            refuse(
                    context,
                    413,
                    "Content Too Large",
                    "the body is larger than " + limit + " bytes, the limit for " + path);
            return;
        }
        context.next();
    }

    /** Answers and closes the connection: the client may be sending a body nobody will read. */
    private static void refuse(RoutingContext context, int status, String title, String detail) {
        context.response().endHandler(ended -> context.request().connection().close());
        context.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Json.encode(new Problem("about:blank", title, status, detail, null)));
    }
}
