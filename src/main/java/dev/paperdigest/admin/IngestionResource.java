package dev.paperdigest.admin;

import dev.paperdigest.common.ConflictException;
import dev.paperdigest.common.ImportReport;
import dev.paperdigest.common.InvalidInputException;
import dev.paperdigest.common.NotFoundException;
import dev.paperdigest.common.RunStatus;
import dev.paperdigest.papers.ingestion.IngestionRun;
import dev.paperdigest.papers.ingestion.IngestionService;
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

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Ingestion runs: start one by hand, follow it. */
@Path("/api/admin/ingestions")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class IngestionResource {

    private final IngestionService service;

    public IngestionResource(IngestionService service) {
        this.service = service;
    }

    /** {@code date}: the day to fetch (YYYY-MM-DD); absent: everything new since the last successful run. */
    public record StartRequest(String source, String date) {}

    public record Started(long id) {}

    /** {@code failed}: the entries rejected, listed in {@code rejected}. */
    public record RunView(
            long id,
            String source,
            String status,
            Instant startedAt,
            Instant finishedAt,
            int fetched,
            int created,
            int updated,
            int failed,
            double progress,
            String error,
            LocalDate date,
            boolean scheduled,
            int skipped,
            int requests,
            Instant createdAt,
            List<ImportReport.Rejection> rejected) {

        static RunView of(IngestionRun run) {
            return new RunView(
                    run.id,
                    run.source,
                    run.status.name(),
                    run.startedAt,
                    run.finishedAt,
                    run.fetched,
                    run.created,
                    run.updated,
                    run.rejected,
                    run.progress,
                    run.error,
                    run.requestedDate,
                    run.scheduled,
                    run.skipped,
                    run.requests,
                    run.createdAt,
                    List.copyOf(run.rejections));
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Start an ingestion run: {\"source\":\"hf\"|\"arxiv\",\"date\"?:\"YYYY-MM-DD\"}; "
                    + "202 {id}; 409 while the source runs or when it is disabled")
    public Response start(StartRequest request) {
        if (request == null || request.source() == null || request.source().isBlank()) {
            throw new InvalidInputException("source is required: one of " + service.sourceNames());
        }
        LocalDate date = null;
        if (request.date() != null && !request.date().isBlank()) {
            try {
                date = LocalDate.parse(request.date().strip());
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("date must be YYYY-MM-DD, not \"" + request.date() + "\"");
            }
        }
        long id = service.start(request.source().strip(), date, false);
        return Response.accepted(new Started(id))
                .location(URI.create("/api/admin/ingestions/" + id))
                .build();
    }

    @GET
    @Operation(summary = "Ingestion runs, newest first: ?status=queued|running|succeeded|failed|cancelled&page=&size=")
    public Paging<RunView> list(@QueryParam("status") String status, @Valid @BeanParam PageRequest paging) {
        Sort newest = Sort.by("id", Sort.Direction.Descending);
        return StatusFilter.parse(status, RunStatus.class)
                .map(wanted -> Paging.of(IngestionRun.find("status", newest, wanted), paging, RunView::of))
                .orElseGet(() -> Paging.of(IngestionRun.findAll(newest), paging, RunView::of));
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Stop a run at its next upstream page or day: 202 with the run; 409 when it has already ended")
    public Response cancel(@PathParam("id") long id) {
        if (!service.cancel(id)) {
            throw new ConflictException("ingestion run " + id + " has already ended");
        }
        return Response.accepted(get(String.valueOf(id))).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One ingestion run: status, counts, progress, error and rejected entries")
    public RunView get(@PathParam("id") String id) {
        long runId;
        try {
            runId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("ingestion run " + id);
        }
        return service.find(runId).map(RunView::of).orElseThrow(() -> new NotFoundException("ingestion run " + id));
    }
}
