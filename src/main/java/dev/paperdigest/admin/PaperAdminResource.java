package dev.paperdigest.admin;

import dev.paperdigest.common.InvalidInputException;
import dev.paperdigest.common.NotFoundException;
import dev.paperdigest.papers.Paper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

@Path("/api/admin/papers")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class PaperAdminResource {

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
    public Paging<PaperSummary> list(
            @QueryParam("q") String q, @QueryParam("since") String since, @Valid @BeanParam PageRequest paging) {
        return Paging.of(Paper.search(q, parseSince(since)), paging, PaperSummary::of);
    }

    @GET
    @Path("{arxivId: .+}")
    public PaperDetail get(@PathParam("arxivId") String arxivId) {
        return PaperDetail.of(find(arxivId));
    }

    @DELETE
    @Path("{arxivId: .+}")
    @Transactional
    public void delete(@PathParam("arxivId") String arxivId) {
        find(arxivId).delete();
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
