package dev.paperdigest.admin;

import dev.paperdigest.common.ConflictException;
import dev.paperdigest.common.RunStatus;
import dev.paperdigest.digests.DigestRun;
import dev.paperdigest.digests.DigestRunner;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.time.LocalDate;

@Path("/api/admin/digest-runs")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class DigestRunResource {

    /** {@code date}: the period to queue (default: today in each subscriber's zone). */
    public record StartRequest(LocalDate date, Boolean dryRun) {}

    public record Started(long id) {}

    public record RunView(
            long id,
            RunStatus status,
            LocalDate date,
            boolean dryRun,
            int subscribers,
            int matched,
            int queued,
            int sent,
            int failed,
            double progress,
            String error,
            Instant createdAt,
            Instant startedAt,
            Instant finishedAt) {
        static RunView of(DigestRun r) {
            return new RunView(
                    r.id,
                    r.status,
                    r.periodDate,
                    r.dryRun,
                    r.subscribers,
                    r.matched,
                    r.queued,
                    r.sent,
                    r.failed,
                    r.progress,
                    r.error,
                    r.createdAt,
                    r.startedAt,
                    r.finishedAt);
        }
    }

    private final DigestRunner runs;

    public DigestRunResource(DigestRunner runs) {
        this.runs = runs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(StartRequest request) {
        StartRequest r = request == null ? new StartRequest(null, null) : request;
        DigestRun run = runs.start(r.date(), Boolean.TRUE.equals(r.dryRun()));
        return Response.accepted(new Started(run.id)).build();
    }

    @GET
    @Operation(summary = "Digest runs, newest first: ?status=queued|running|succeeded|failed|cancelled&page=&size=")
    public Paging<RunView> list(@QueryParam("status") String status, @Valid @BeanParam PageRequest paging) {
        Sort newest = Sort.by("id", Sort.Direction.Descending);
        return StatusFilter.parse(status, RunStatus.class)
                .map(wanted -> Paging.of(DigestRun.find("status", newest, wanted), paging, RunView::of))
                .orElseGet(() -> Paging.of(DigestRun.findAll(newest), paging, RunView::of));
    }

    @GET
    @Path("{id}")
    public RunView get(@PathParam("id") long id) {
        return RunView.of(runs.get(id));
    }

    /** Stops a run at its next page of subscribers or batch of digests; what it queued waits in the outbox. */
    @POST
    @Path("{id}/cancel")
    public Response cancel(@PathParam("id") long id) {
        if (!runs.cancel(id)) {
            throw new ConflictException("digest run " + id + " has already ended");
        }
        return Response.accepted(RunView.of(runs.get(id))).build();
    }
}
