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
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;

/** The outbox, for operators. */
@Path("/api/admin/deliveries")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryAdminResource {

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
    public Paging<DeliveryView> list(@QueryParam("status") String status, @Valid @BeanParam PageRequest paging) {
        Sort newest = Sort.by("id", Sort.Direction.Descending);
        return StatusFilter.parse(status, DeliveryStatus.class)
                .map(wanted -> Paging.of(Delivery.find("status", newest, wanted), paging, DeliveryView::of))
                .orElseGet(() -> Paging.of(Delivery.findAll(newest), paging, DeliveryView::of));
    }

    /** Queues a failed delivery again; the next digest tick (or run) sends it. A sent one is never sent again. */
    @POST
    @Path("{id}/retry")
    public Response retry(@PathParam("id") long id) {
        return Response.accepted(DeliveryView.of(failed.retry(id))).build();
    }

    @POST
    @Path("retry-failed")
    @Operation(
            summary = "Queue every failed delivery again",
            description = "Every delivery whose attempts were used up (FAILED) is queued again, due at once and with "
                    + "its attempts counted from 0; the next digest tick or run sends them. Answers 202 "
                    + "{\"requeued\": n}, 0 when none had failed. The console at /admin has a button for it.")
    public Response retryFailed() {
        return Response.accepted(new Requeued(failed.retryAll())).build();
    }
}
