package dev.paperdigest.admin;

import dev.paperdigest.common.ImportReport;
import dev.paperdigest.common.InvalidInputException;
import dev.paperdigest.common.LimitsConfig;
import dev.paperdigest.common.ProblemException;
import dev.paperdigest.common.SizeLimitedInputStream;
import dev.paperdigest.subscriptions.SubscriberImport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.InputStream;

@Path("/api/admin/subscribers/import")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriberImportResource {

    private final SubscriberImport subscriberImport;
    private final LimitsConfig config;

    public SubscriberImportResource(SubscriberImport subscriberImport, LimitsConfig config) {
        this.subscriberImport = subscriberImport;
        this.config = config;
    }

    @POST
    @Consumes({"application/x-ndjson", "application/jsonl", "application/json-lines"})
    @Operation(
            summary = "Import subscribers",
            description = "JSON Lines, one subscriber a line: {\"email\", \"keywords\": [...], \"authors\": [...], "
                    + "\"categories\": [...], \"papers\": [arXiv ids or links of liked papers], \"frequency\", "
                    + "\"sendHour\", \"timezone\"}. Liked papers not stored yet are looked up on arXiv in the "
                    + "background. With preconfirmed=true the "
                    + "operator vouches for consent and new subscribers are active at once; otherwise each gets the "
                    + "confirmation email. An address already known is updated. Good lines are kept even when others "
                    + "are rejected; the report lists the rejected ones by index.")
    @APIResponse(responseCode = "200", description = "What was received, created, updated, skipped and rejected")
    @APIResponse(responseCode = "400", description = "preconfirmed is neither true nor false")
    @APIResponse(responseCode = "413", description = "The body is larger than digest.limits.max-subscriber-import-size")
    public ImportReport importSubscribers(@QueryParam("preconfirmed") String preconfirmed, InputStream body) {
        boolean vouched = switch (preconfirmed == null ? "false" : preconfirmed.strip()) {
            case "true" -> true;
            case "false", "" -> false;
            default ->
                throw new InvalidInputException("preconfirmed must be true or false, not \"" + preconfirmed + "\"");
        };
        long limit = config.maxSubscriberImportSize().asLongValue();
        ImportReport report = subscriberImport.importLines(new SizeLimitedInputStream(body, limit), vouched);
        if (report.tooLarge) {
            throw new ProblemException(
                    Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "the body is larger than " + "digest.limits.max-subscriber-import-size (" + limit
                            + " bytes); the lines before that point were stored");
        }
        return report;
    }
}
