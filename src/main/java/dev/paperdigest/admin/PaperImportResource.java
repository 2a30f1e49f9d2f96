package dev.paperdigest.admin;

import dev.paperdigest.common.ProblemException;
import dev.paperdigest.papers.HfDailyPapersParser;
import dev.paperdigest.papers.ImportReport;
import dev.paperdigest.papers.PaperImporter;
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

import java.io.InputStream;

@Path("/api/admin/papers/import")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class PaperImportResource {

    private final PaperImporter importer;
    private final HfDailyPapersParser hfParser;

    public PaperImportResource(PaperImporter importer, HfDailyPapersParser hfParser) {
        this.importer = importer;
        this.hfParser = hfParser;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Import papers from a Hugging Face daily_papers JSON array (application/json)")
    public ImportReport importPapers(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        MediaType type = contentType == null ? null : MediaType.valueOf(contentType);
        if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            throw new ProblemException(Response.Status.UNSUPPORTED_MEDIA_TYPE,
                    "send a Hugging Face daily_papers array as application/json");
        }
        return importer.importDocument(hfParser, body);
    }
}
