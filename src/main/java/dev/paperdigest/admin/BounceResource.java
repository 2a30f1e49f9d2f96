package dev.paperdigest.admin;

import dev.paperdigest.common.InvalidInputException;
import dev.paperdigest.digests.Bounces;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Bounces a mail provider reports after its relay accepted a digest (an SES, SendGrid or Postmark
 * webhook, turned into this body by a small script of the operator's): a hard one counts against
 * the subscriber exactly as an SMTP refusal does.
 */
@Path("/api/admin/bounces")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class BounceResource {

    /** {@code hard}: absent means true; a soft bounce is acknowledged and changes nothing. */
    public record BounceReport(
            @NotBlank @Email(message = "must be an email address") @Size(max = 320)
            String email,

            @NotBlank @Size(max = 1000) String reason,
            Boolean hard) {}

    private final Bounces bounces;

    public BounceResource(Bounces bounces) {
        this.bounces = bounces;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Report a bounce",
            description = "A hard bounce (the default) counts against the subscriber with this address, as an SMTP "
                    + "refusal of it does; after digest.delivery.max-hard-bounces an active subscriber is BOUNCED "
                    + "and gets nothing until reactivated. A soft bounce (\"hard\": false) is acknowledged and not "
                    + "counted. Answers {subscriberId, email, status, hardBounces, counted}.")
    @APIResponse(responseCode = "200", description = "Recorded; the subscriber's status and count after it")
    @APIResponse(responseCode = "400", description = "No body, or an email or reason missing or malformed")
    @APIResponse(responseCode = "404", description = "No subscriber has this address")
    public Bounces.Recorded report(@Valid BounceReport report) {
        if (report == null) {
            throw new InvalidInputException("the body must be {\"email\": ..., \"reason\": ...}");
        }
        return bounces.reported(report.email(), report.reason().strip(), !Boolean.FALSE.equals(report.hard()));
    }
}
