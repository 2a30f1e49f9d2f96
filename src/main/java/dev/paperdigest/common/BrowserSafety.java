package dev.paperdigest.common;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.util.Locale;

/**
 * What every response tells the browser, and which requests a browser may send us from another
 * site.
 * <ul>
 * <li>Headers: a Content-Security-Policy without inline script and without framing, no
 * Referer (the links carry tokens in their query), no content sniffing.</li>
 * <li>Cross-site requests: a page elsewhere must not make its visitors' browsers sign up a
 * victim or call the admin API with remembered credentials. Browsers say where a request comes
 * from ({@code Sec-Fetch-Site}, {@code Origin}); a state-changing request that comes from
 * another site is refused. This needs no token in the form, so it works with JavaScript off and
 * with forms cached anywhere. RFC 8058 unsubscribe posts are exempt: mail providers send them,
 * and they carry a signed token anyway.</li>
 * </ul>
 */
@ApplicationScoped
public class BrowserSafety {

    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                    + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** Runs first of all, so every answer carries the headers and a refused request is not read at all. */
    public static final int ORDER = Integer.MIN_VALUE;

    private final URI publicUrl;

    public BrowserSafety(SiteConfig config) {
        this.publicUrl = URI.create(config.publicUrl());
    }

    void install(@Observes StartupEvent event, Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    void handle(RoutingContext context) {
        String path = context.normalizedPath();
        context.addHeadersEndHandler(ended -> addHeaders(context.response(), path));
        if (changesState(context.request().method()) && !path.equals("/unsubscribe") && isCrossSite(context)) {
            context.response()
                    .setStatusCode(403)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(Json.encode(new Problem(
                            "about:blank",
                            "Forbidden",
                            403,
                            "this request came from another site; use the form on this site",
                            null)));
            return;
        }
        context.next();
    }

    private static void addHeaders(HttpServerResponse response, String path) {
        response.putHeader("X-Content-Type-Options", "nosniff");
        response.putHeader("Referrer-Policy", "no-referrer");
        if (!path.startsWith("/q/swagger-ui") && !path.startsWith("/q/dev-ui")) {
            response.putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            response.putHeader("X-Frame-Options", "DENY");
        }
    }

    private static boolean changesState(HttpMethod method) {
        return method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS;
    }

    private boolean isCrossSite(RoutingContext context) {
        String fetchSite = context.request().getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            return fetchSite.equalsIgnoreCase("cross-site") || fetchSite.equalsIgnoreCase("same-site");
        }
        String origin = context.request().getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return false; // not sent by a browser's form or script: curl, mail providers, the tests
        }
        return !isOurs(origin, context.request().getHeader(HttpHeaders.HOST));
    }

    /** The page was served by us: under the public URL, or under the address the request was sent to. */
    private boolean isOurs(String origin, String host) {
        URI from;
        try {
            from = URI.create(origin.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (from.getHost() == null) {
            return false; // "null": a sandboxed frame or a privacy-sensitive redirect
        }
        String authority = from.getRawAuthority().toLowerCase(Locale.ROOT);
        return authority.equals(authorityOf(publicUrl))
                || (host != null && authority.equals(host.strip().toLowerCase(Locale.ROOT)));
    }

    private static String authorityOf(URI uri) {
        return uri.getRawAuthority() == null ? "" : uri.getRawAuthority().toLowerCase(Locale.ROOT);
    }
}
