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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;

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
    @Schema(name = "IngestionStart")
    public record StartRequest(
            @Schema(enumeration = {"hf", "arxiv"}) String source,
            @Schema(format = "date") String date) {}

    /** {@code failed}: the entries rejected, listed in {@code rejected}. */
    @Schema(name = "IngestionRun")
    public record RunView(
            long id,
            String source,
            RunStatus status,
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
                    run.status,
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
            summary = "Start an ingestion run",
            description = "Fetches new papers from a source: `hf` (Hugging Face Daily Papers) or `arxiv`. With "
                    + "`date` (YYYY-MM-DD) that day only; without, everything new since the source's last successful "
                    + "run. Answers 202 with the run's id (and its URL in Location) at once; the run goes on in the "
                    + "background.")
    @APIResponse(
            responseCode = "202",
            description = "The run is queued",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Started.class)))
    @APIResponse(responseCode = "400", description = "No or an unknown source, or a bad date")
    @APIResponse(responseCode = "409", description = "The source is running already, or disabled")
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
    @Operation(
            summary = "List ingestion runs",
            description = "Newest first, paged (`page` from 0, `size` up to 200), optionally only those of one "
                    + "`status` (QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED; any case).")
    @APIResponse(responseCode = "200", description = "One page of runs")
    @APIResponse(responseCode = "400", description = "An unknown status, or a bad page or size")
    public Paging<RunView> list(@QueryParam("status") String status, @Valid @BeanParam PageRequest paging) {
        Sort newest = Sort.by("id", Sort.Direction.Descending);
        return StatusFilter.parse(status, RunStatus.class)
                .map(wanted -> Paging.of(IngestionRun.find("status", newest, wanted), paging, RunView::of))
                .orElseGet(() -> Paging.of(IngestionRun.findAll(newest), paging, RunView::of));
    }

    @POST
    @Path("{id}/cancel")
    @ResponseStatus(202)
    @Operation(
            summary = "Cancel an ingestion run",
            description = "Stops the run at its next upstream page or day, on whichever replica runs it; it ends "
                    + "CANCELLED. The papers it stored stay, and the next catch-up run fetches that stretch again.")
    @APIResponse(responseCode = "202", description = "The run will stop; its state now")
    @APIResponse(responseCode = "404", description = "No such run")
    @APIResponse(responseCode = "409", description = "The run has already ended")
    public RunView cancel(@PathParam("id") long id) {
        if (!service.cancel(id)) {
            throw new ConflictException("ingestion run " + id + " has already ended");
        }
        return get(String.valueOf(id));
    }

    @GET
    @Path("{id}")
    @Operation(
            summary = "One ingestion run",
            description = "Its status, counts of entries fetched, created, updated, skipped and rejected "
                    + "(`failed`, listed in `rejected`), HTTP requests made, progress (0 to 1) and the error of a "
                    + "failed or cancelled run.")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "404", description = "No such run")
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
