package dev.paperdigest.admin;

import dev.paperdigest.common.ImportReport;
import dev.paperdigest.common.LimitsConfig;
import dev.paperdigest.common.ProblemException;
import dev.paperdigest.common.SizeLimitedInputStream;
import dev.paperdigest.papers.PaperFeedParser;
import dev.paperdigest.papers.PaperFormats;
import dev.paperdigest.papers.PaperImporter;
import dev.paperdigest.papers.ingestion.IngestionMetrics;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.InputStream;

@Path("/api/admin/papers/import")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class PaperImportResource {

    private final PaperImporter importer;
    private final PaperFormats formats;
    private final IngestionMetrics metrics;
    private final LimitsConfig config;

    public PaperImportResource(
            PaperImporter importer, PaperFormats formats, IngestionMetrics metrics, LimitsConfig config) {
        this.importer = importer;
        this.formats = formats;
        this.metrics = metrics;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "Import papers",
            description = "The body's format is told by its Content-Type: a Hugging Face daily_papers array "
                    + "(application/json), an arXiv Atom feed (application/atom+xml, application/xml) or JSON Lines "
                    + "(application/x-ndjson, application/jsonl), at most digest.limits.max-import-size. Good entries "
                    + "are stored even when others are rejected; the report lists the rejected ones by index.")
    @APIResponse(responseCode = "200", description = "What was received, created, updated, skipped and rejected")
    @APIResponse(responseCode = "413", description = "The body is larger than digest.limits.max-import-size")
    @APIResponse(responseCode = "415", description = "A Content-Type that is not one of the formats")
    public ImportReport importPapers(
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
            InputStream body) {
        PaperFeedParser parser = formats.forMediaType(contentType)
                .orElseThrow(() -> new ProblemException(
                        Response.Status.UNSUPPORTED_MEDIA_TYPE,
                        "Content-Type " + (contentType == null ? "missing" : contentType) + " is not importable; send "
                                + PaperFormats.ACCEPTED));
        long limit = config.maxImportSize().asLongValue();
        if (contentLength != null) {
            try {
                if (Long.parseLong(contentLength.strip()) > limit) {
                    throw tooLarge(limit);
                }
            } catch (NumberFormatException ignored) {
                // the HTTP layer has judged the header already
            }
        }
        ImportReport report = importer.importDocument(parser, new SizeLimitedInputStream(body, limit));
        metrics.ingested(IngestionMetrics.ADMIN_IMPORT, report);
        if (report.tooLarge) {
            throw new ProblemException(
                    Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "the body is larger than digest.limits.max-import-size (" + limit + " bytes); the "
                            + (report.created + report.updated + report.skipped)
                            + " entries before that point were stored");
        }
        return report;
    }

    private static ProblemException tooLarge(long limit) {
        return new ProblemException(
                Response.Status.REQUEST_ENTITY_TOO_LARGE,
                "the body is larger than digest.limits.max-import-size (" + limit + " bytes)");
    }
}
