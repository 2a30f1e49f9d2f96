package dev.paperdigest.subscriptions;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** What a person sees when a link from an email is refused: a clear page, never a stack trace. */
public class LinkPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance refused(String message);
    }

    @ServerExceptionMapper
    public Response refused(LinkTokens.RefusedLinkException e) {
        Response.Status status = switch (e.refusal) {
            case EXPIRED -> Response.Status.GONE;
            case UNKNOWN_SUBSCRIBER, UNSUBSCRIBED -> Response.Status.NOT_FOUND;
            case INVALID -> Response.Status.BAD_REQUEST;
        };
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.refused(e.refusal.message))
                .build();
    }
}
