package dev.paperdigest.admin;

import dev.paperdigest.common.InvalidInputException;
import dev.paperdigest.common.NotFoundException;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.papers.PaperStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

@Path("/api/admin/papers")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class PaperAdminResource {

    private final PaperStore store;

    public PaperAdminResource(PaperStore store) {
        this.store = store;
    }

    @Schema(name = "PaperSummary")
    public record PaperSummary(
            String arxivId,
            String title,
            List<String> authors,
            List<String> categories,
            Instant publishedAt,
            Integer upvotes,
            List<String> sources) {
        static PaperSummary of(Paper p) {
            return new PaperSummary(p.arxivId, p.title, p.authors, p.categories, p.publishedAt, p.upvotes, p.sources);
        }
    }

    public record PaperDetail(
            String arxivId,
            Integer version,
            String title,
            String abstractText,
            List<String> authors,
            List<String> categories,
            Instant publishedAt,
            Instant updatedAt,
            Integer upvotes,
            Integer numComments,
            List<String> sources,
            LocalDate listedOn,
            Instant firstSeenAt,
            Instant matchedAt,
            String comment,
            String journalRef,
            String doi,
            String githubRepo,
            String projectPage,
            List<String> aiKeywords) {
        static PaperDetail of(Paper p) {
            return new PaperDetail(
                    p.arxivId,
                    p.latestVersion,
                    p.title,
                    p.abstractText,
                    p.authors,
                    p.categories,
                    p.publishedAt,
                    p.updatedAt,
                    p.upvotes,
                    p.numComments,
                    p.sources,
                    p.listedOn,
                    p.firstSeenAt,
                    p.matchedAt,
                    p.comment,
                    p.journalRef,
                    p.doi,
                    p.githubRepo,
                    p.projectPage,
                    p.aiKeywords);
        }
    }

    @GET
    @Operation(
            summary = "List papers",
            description = "Newest first, paged (`page` from 0, `size` up to 200). `q`: text found in the title or "
                    + "abstract (any case), or an exact arXiv id; `since`: only papers first seen from that day "
                    + "(YYYY-MM-DD, UTC) or instant on.")
    @APIResponse(responseCode = "200", description = "One page of papers")
    @APIResponse(responseCode = "400", description = "A bad `since`, page or size")
    public Paging<PaperSummary> list(
            @QueryParam("q") String q, @QueryParam("since") String since, @Valid @BeanParam PageRequest paging) {
        return Paging.of(Paper.search(q, parseSince(since)), paging, PaperSummary::of);
    }

    @GET
    @Path("{arxivId: .+}")
    @Operation(
            summary = "One paper",
            description = "Everything stored about a paper, by its arXiv id without version (`2401.01234`, or an old "
                    + "style id such as `hep-th/9901001`): abstract, versions, sources, when it was first seen and "
                    + "matched.")
    @APIResponse(responseCode = "200", description = "The paper")
    @APIResponse(responseCode = "404", description = "No such paper")
    public PaperDetail get(@PathParam("arxivId") String arxivId) {
        return PaperDetail.of(find(arxivId));
    }

    @DELETE
    @Path("{arxivId: .+}")
    @Operation(
            summary = "Delete a paper",
            description = "Removes the paper. A later ingestion stores it again if a source still lists it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such paper")
    public void delete(@PathParam("arxivId") String arxivId) {
        if (!store.delete(arxivId)) {
            throw new NotFoundException("paper " + arxivId);
        }
    }

    private static Paper find(String arxivId) {
        return Paper.findByArxivId(arxivId).orElseThrow(() -> new NotFoundException("paper " + arxivId));
    }

    /** {@code since}: a date (2026-11-28) or an instant (2026-11-28T06:00:00Z). */
    static Instant parseSince(String since) {
        if (since == null || since.isBlank()) {
            return null;
        }
        try {
            return since.length() == 10
                    ? LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(
                    "since must be a date such as 2026-11-28 or an instant such as 2026-11-28T06:00:00Z");
        }
    }
}
