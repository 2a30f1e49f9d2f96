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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.time.Instant;
import java.time.LocalDate;

@Path("/api/admin/digest-runs")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class DigestRunResource {

    /** {@code date}: the period to queue (default: today in each subscriber's zone). */
    @Schema(name = "DigestRunStart")
    public record StartRequest(LocalDate date, Boolean dryRun) {}

    @Schema(name = "DigestRun")
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
    @ResponseStatus(202)
    @Operation(
            summary = "Start a digest run",
            description = "Matches what is new and queues the digests of period `date` (default: today in each "
                    + "subscriber's zone; an earlier day catches up a missed one, the next day sends it early), then "
                    + "sends them. A period already sent is never sent again. `dryRun` counts what would be queued "
                    + "and queues nothing. Answers 202 with the run's id at once; the run goes on in the background.")
    @APIResponse(responseCode = "202", description = "The run is queued")
    @APIResponse(responseCode = "400", description = "A date too far back (before retention.keep) or ahead")
    public Started start(StartRequest request) {
        StartRequest r = request == null ? new StartRequest(null, null) : request;
        DigestRun run = runs.start(r.date(), Boolean.TRUE.equals(r.dryRun()));
        return new Started(run.id);
    }

    @GET
    @Operation(
            summary = "List digest runs",
            description = "Newest first, paged (`page` from 0, `size` up to 200), optionally only those of one "
                    + "`status` (QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED; any case).")
    @APIResponse(responseCode = "200", description = "One page of runs")
    @APIResponse(responseCode = "400", description = "An unknown status, or a bad page or size")
    public Paging<RunView> list(@QueryParam("status") String status, @Valid @BeanParam PageRequest paging) {
        Sort newest = Sort.by("id", Sort.Direction.Descending);
        return StatusFilter.parse(status, RunStatus.class)
                .map(wanted -> Paging.of(DigestRun.find("status", newest, wanted), paging, RunView::of))
                .orElseGet(() -> Paging.of(DigestRun.findAll(newest), paging, RunView::of));
    }

    @GET
    @Path("{id}")
    @Operation(
            summary = "One digest run",
            description = "Its status, the period, counts of subscribers, matches, digests queued, sent and failed, "
                    + "progress (0 to 1) and the error of a failed or cancelled run.")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "404", description = "No such run")
    public RunView get(@PathParam("id") long id) {
        return RunView.of(runs.get(id));
    }

    @POST
    @Path("{id}/cancel")
    @ResponseStatus(202)
    @Operation(
            summary = "Cancel a digest run",
            description = "Stops the run at its next page of subscribers or batch of digests; it ends CANCELLED. "
                    + "The digests in flight finish, what it queued waits in the outbox, and the next run carries on "
                    + "where it stopped: nothing is lost or sent twice.")
    @APIResponse(responseCode = "202", description = "The run will stop; its state now")
    @APIResponse(responseCode = "404", description = "No such run")
    @APIResponse(responseCode = "409", description = "The run has already ended")
    public RunView cancel(@PathParam("id") long id) {
        if (!runs.cancel(id)) {
            throw new ConflictException("digest run " + id + " has already ended");
        }
        return RunView.of(runs.get(id));
    }
}
