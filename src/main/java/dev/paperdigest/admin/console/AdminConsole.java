package dev.paperdigest.admin.console;

import dev.paperdigest.digests.DigestRunner;
import dev.paperdigest.digests.FailedDeliveries;
import dev.paperdigest.papers.ingestion.IngestionService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/**
 * The operators' console: what the service has done over the last days, and what an operator
 * most often has to do about it (stop a digest or ingestion run, send failed digests again). Its
 * buttons post plain forms and come back here (303) with a notice; cross-site posts are refused
 * like every other state-changing request ({@code common.BrowserSafety}).
 */
@Path("/admin")
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class AdminConsole {

    /** What a button did, said at the top of the page it comes back to. */
    public record Notice(boolean ok, String text) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance console(ConsolePage page, Notice notice);
    }

    private final ConsoleQueries queries;
    private final DigestRunner runs;
    private final IngestionService ingestions;
    private final FailedDeliveries failed;

    public AdminConsole(
            ConsoleQueries queries, DigestRunner runs, IngestionService ingestions, FailedDeliveries failed) {
        this.queries = queries;
        this.runs = runs;
        this.ingestions = ingestions;
        this.failed = failed;
    }

    @GET
    public TemplateInstance show(
            @QueryParam("cancelled") Long cancelled,
            @QueryParam("ended") Long ended,
            @QueryParam("ingestionCancelled") Long ingestionCancelled,
            @QueryParam("ingestionEnded") Long ingestionEnded,
            @QueryParam("retried") Integer retried) {
        Notice notice = ingestionCancelled != null || ingestionEnded != null
                ? ingestionNotice(ingestionCancelled, ingestionEnded)
                : notice(cancelled, ended, retried);
        return Templates.console(queries.load(), notice);
    }

    private static Notice ingestionNotice(Long cancelled, Long ended) {
        if (cancelled != null) {
            return new Notice(
                    true,
                    "Ingestion run " + cancelled + " stops at its next upstream page or day; "
                            + "the papers it stored stay, and the next catch-up fetches the rest.");
        }
        return new Notice(false, "Ingestion run " + ended + " had already ended: there was nothing to cancel.");
    }

    static Notice notice(Long cancelled, Long ended, Integer retried) {
        if (cancelled != null) {
            return new Notice(
                    true,
                    "Digest run " + cancelled + " stops at its next page of subscribers or batch of digests; "
                            + "what it queued waits in the outbox.");
        }
        if (ended != null) {
            return new Notice(false, "Digest run " + ended + " had already ended: there was nothing to cancel.");
        }
        if (retried != null) {
            return new Notice(
                    true,
                    retried == 0
                            ? "No digest had failed: nothing was queued again."
                            : retried + (retried == 1 ? " failed digest is" : " failed digests are")
                                    + " queued again; the next digest tick or run sends them.");
        }
        return null;
    }

    /** The console's cancel button: as {@code POST /api/admin/digest-runs/{id}/cancel}. */
    @POST
    @Path("digest-runs/{id}/cancel")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    public Response cancel(@PathParam("id") long id) {
        return back(runs.cancel(id) ? "cancelled" : "ended", id);
    }

    /** The cancel button of an ingestion run: as {@code POST /api/admin/ingestions/{id}/cancel}. */
    @POST
    @Path("ingestions/{id}/cancel")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    public Response cancelIngestion(@PathParam("id") long id) {
        return back(ingestions.cancel(id) ? "ingestionCancelled" : "ingestionEnded", id);
    }

    /** The console's retry button: as {@code POST /api/admin/deliveries/retry-failed}. */
    @POST
    @Path("deliveries/retry-failed")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    public Response retryFailed() {
        return back("retried", failed.retryAll());
    }

    private static Response back(String notice, long value) {
        return Response.seeOther(
                        UriBuilder.fromPath("/admin").queryParam(notice, value).build())
                .build();
    }
}
