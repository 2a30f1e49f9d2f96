package dev.paperdigest.admin;

import dev.paperdigest.digests.Delivery;
import dev.paperdigest.digests.DeliveryStatus;
import dev.paperdigest.digests.FailedDeliveries;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
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

/** The outbox, for operators. */
@Path("/api/admin/deliveries")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryAdminResource {

    @Schema(name = "Delivery")
    public record DeliveryView(
            long id,
            long subscriberId,
            String period,
            DeliveryStatus status,
            int paperCount,
            int attempts,
            String lastError,
            String messageId,
            Instant createdAt,
            Instant nextAttemptAt,
            Instant sentAt) {
        static DeliveryView of(Delivery d) {
            return new DeliveryView(
                    d.id,
                    d.subscriberId,
                    d.period,
                    d.status,
                    d.paperCount,
                    d.attempts,
                    d.lastError,
                    d.messageId,
                    d.createdAt,
                    d.nextAttemptAt,
                    d.sentAt);
        }
    }

    /** How many failed deliveries were queued again. */
    public record Requeued(int requeued) {}

    private final FailedDeliveries failed;

    public DeliveryAdminResource(FailedDeliveries failed) {
        this.failed = failed;
    }

    @GET
    @Operation(
            summary = "List the outbox",
            description = "Digests queued, sending, sent and failed, newest first, paged (`page` from 0, `size` up "
                    + "to 200), optionally only those of one `status` (QUEUED, SENDING, SENT, FAILED; any case). "
                    + "`period` names what the digest covers: the day (`2026-11-28`) or, for a weekly digest, the "
                    + "ISO week (`2026-W48`) of the day its week starts on (`digest.delivery.weekly-day`).")
    @APIResponse(responseCode = "200", description = "One page of deliveries")
    @APIResponse(responseCode = "400", description = "An unknown status, or a bad page or size")
    public Paging<DeliveryView> list(@QueryParam("status") String status, @Valid @BeanParam PageRequest paging) {
        Sort newest = Sort.by("id", Sort.Direction.Descending);
        return StatusFilter.parse(status, DeliveryStatus.class)
                .map(wanted -> Paging.of(Delivery.find("status", newest, wanted), paging, DeliveryView::of))
                .orElseGet(() -> Paging.of(Delivery.findAll(newest), paging, DeliveryView::of));
    }

    @POST
    @Path("{id}/retry")
    @ResponseStatus(202)
    @Operation(
            summary = "Retry a failed delivery",
            description =
                    "Queues a FAILED digest again with a fresh count of attempts; the outbox sends it at its next poll "
                            + "(digest.delivery.poll, 10 s). A sent digest is never sent again.")
    @APIResponse(responseCode = "202", description = "Queued again")
    @APIResponse(responseCode = "404", description = "No such delivery")
    @APIResponse(responseCode = "409", description = "The delivery is not FAILED")
    public DeliveryView retry(@PathParam("id") long id) {
        return DeliveryView.of(failed.retry(id));
    }

    @POST
    @Path("retry-failed")
    @ResponseStatus(202)
    @Operation(
            summary = "Retry every failed delivery",
            description = "Every delivery whose attempts were used up (FAILED) is queued again, due at once and with "
                    + "its attempts counted from 0; the outbox sends them at its next poll. Answers how many were "
                    + "queued again, 0 when none had failed. The console at /admin has a button for it.")
    @APIResponse(responseCode = "202", description = "How many were queued again")
    public Requeued retryFailed() {
        return new Requeued(failed.retryAll());
    }
}
