package dev.paperdigest.admin;

import dev.paperdigest.common.BrowserSafety;
import dev.paperdigest.common.Problem;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The admin API answers a missing or wrong login in problem+json like every other error, with the
 * Basic challenge. A request without Basic credentials is answered here, before authentication
 * runs; wrong credentials fail authentication, and its failure is answered here too, as is a user
 * without the admin role (403).
 */
@ApplicationScoped
public class AdminAuthProblems {

    static final String CHALLENGE = "Basic realm=\"Paper Digest admin\"";
    static final long SMALL_BODY = 64 * 1024;

    void install(@Observes StartupEvent event, Router router) {
        router.route("/api/admin/*").order(BrowserSafety.ORDER + 1).handler(AdminAuthProblems::requireBasic);
        router.route("/api/admin/*").order(BrowserSafety.ORDER + 1).failureHandler(AdminAuthProblems::refusedLogin);
    }

    private static void requireBasic(RoutingContext context) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            unauthorized(context, "log in as an admin (HTTP Basic)");
            return;
        }
        context.next();
    }

    private static void refusedLogin(RoutingContext context) {
        if (context.response().headWritten()) {
            context.next();
        } else if (context.failure() instanceof AuthenticationFailedException) {
            unauthorized(context, "wrong user name or password");
        } else if (context.failure() instanceof ForbiddenException || context.statusCode() == 403) {
            problem(context, 403, "Forbidden", "this needs the admin role");
        } else {
            context.next();
        }
    }

    private static void unauthorized(RoutingContext context, String detail) {
        if (isLargeOrUnknown(
                context.request().getHeader(HttpHeaders.CONTENT_LENGTH),
                context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING))) {
            // a big upload nobody will read is cut short; a small body is read and dropped, so the client sees the
            // answer
            context.response()
                    .endHandler(ended -> context.request().connection().close());
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        context.response().putHeader("WWW-Authenticate", CHALLENGE);
        problem(context, 401, "Unauthorized", detail);
    }

    private static void problem(RoutingContext context, int status, String title, String detail) {
        context.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Json.encode(new Problem("about:blank", title, status, detail, null)));
    }

    private static boolean isLargeOrUnknown(String contentLength, boolean chunked) {
        if (chunked) {
            return true;
        }
        try {
            return contentLength != null && Long.parseLong(contentLength.strip()) > SMALL_BODY;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
