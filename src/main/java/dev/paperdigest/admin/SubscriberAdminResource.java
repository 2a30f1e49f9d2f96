package dev.paperdigest.admin;

import dev.paperdigest.common.NotFoundException;
import dev.paperdigest.digests.Bounces;
import dev.paperdigest.digests.Delivery;
import dev.paperdigest.digests.DeliverySelection;
import dev.paperdigest.digests.DeliveryStatus;
import dev.paperdigest.digests.DigestPreviews;
import dev.paperdigest.digests.Selection;
import dev.paperdigest.matching.QueryKind;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.subscriptions.PaperFeedback;
import dev.paperdigest.subscriptions.Subscriber;
import dev.paperdigest.subscriptions.SubscriberStatus;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
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

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

@Path("/api/admin/subscribers")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriberAdminResource {

    public record SubscriptionView(QueryKind kind, String query, Instant createdAt) {}

    @Schema(name = "Subscriber")
    public record SubscriberView(
            long id,
            String email,
            SubscriberStatus status,
            @Schema(enumeration = {"daily", "weekly"}) String frequency,
            int sendHour,
            String timezone,
            Instant createdAt,
            Instant confirmedAt,
            Instant unsubscribedAt,
            int hardBounces,
            Instant lastBounceAt,
            String lastBounce,
            List<SubscriptionView> subscriptions) {
        static SubscriberView of(Subscriber s) {
            return new SubscriberView(
                    s.id,
                    s.email,
                    s.status,
                    s.frequency == null ? null : s.frequency.formValue(),
                    s.sendHour,
                    s.timeZone,
                    s.createdAt,
                    s.confirmedAt,
                    s.unsubscribedAt,
                    s.hardBounces,
                    s.lastBounceAt,
                    s.lastBounce,
                    s.subscriptions.stream()
                            .map(x -> new SubscriptionView(x.kind, x.query, x.createdAt))
                            .toList());
        }
    }

    public record PaperRecord(String arxivId, String title, List<String> reasons) {}

    public record DeliveryRecord(
            long id,
            String period,
            DeliveryStatus status,
            int paperCount,
            int matchedCount,
            int attempts,
            Instant sentAt,
            List<PaperRecord> papers) {}

    /** Everything held about one person. */
    /** {@code votes}: the papers they asked for more or fewer of, latest first. */
    public record Export(SubscriberView subscriber, List<DeliveryRecord> deliveries, List<PaperFeedback.Voted> votes) {}

    private final DigestPreviews previews;
    private final Bounces bounces;

    public SubscriberAdminResource(DigestPreviews previews, Bounces bounces) {
        this.previews = previews;
        this.bounces = bounces;
    }

    @GET
    @Transactional
    @Operation(
            summary = "List subscribers",
            description = "By id, paged (`page` from 0, `size` up to 200), optionally only those of one `status` "
                    + "(PENDING, ACTIVE, UNSUBSCRIBED, BOUNCED; any case), each with their subscriptions.")
    @APIResponse(responseCode = "200", description = "One page of subscribers")
    @APIResponse(responseCode = "400", description = "An unknown status, or a bad page or size")
    public Paging<SubscriberView> list(@QueryParam("status") String status, @Valid @BeanParam PageRequest paging) {
        Sort byId = Sort.by("id");
        return StatusFilter.parse(status, SubscriberStatus.class)
                .map(wanted -> Paging.of(Subscriber.find("status", byId, wanted), paging, SubscriberView::of))
                .orElseGet(() -> Paging.of(Subscriber.findAll(byId), paging, SubscriberView::of));
    }

    @GET
    @Path("{id}")
    @Transactional
    @Operation(
            summary = "One subscriber",
            description = "Status, schedule (frequency, send hour, time zone), subscriptions, and hard bounces.")
    @APIResponse(responseCode = "200", description = "The subscriber")
    @APIResponse(responseCode = "404", description = "No such subscriber")
    public SubscriberView get(@PathParam("id") long id) {
        return SubscriberView.of(find(id));
    }

    @DELETE
    @Path("{id}")
    @Transactional
    @Operation(
            summary = "Erase a subscriber",
            description = "Deletes the person with their subscriptions and deliveries, for good (GDPR erasure). To "
                    + "stop their digests and keep the record, they unsubscribe instead.")
    @APIResponse(responseCode = "204", description = "Erased")
    @APIResponse(responseCode = "404", description = "No such subscriber")
    public void delete(@PathParam("id") long id) {
        Subscriber subscriber = find(id);
        Delivery.delete("subscriberId", id);
        subscriber.delete();
    }

    @POST
    @Path("{id}/reactivate")
    @Transactional
    @Operation(
            summary = "Reactivate a bounced subscriber",
            description = "A BOUNCED subscriber is ACTIVE again, with no hard bounce counted, and in the next digest "
                    + "run.")
    @APIResponse(responseCode = "200", description = "The subscriber, active again")
    @APIResponse(responseCode = "404", description = "No such subscriber")
    @APIResponse(responseCode = "409", description = "The subscriber is not BOUNCED")
    public SubscriberView reactivate(@PathParam("id") long id) {
        return SubscriberView.of(bounces.reactivate(id));
    }

    @GET
    @Path("{id}/export")
    @Transactional
    @Operation(
            summary = "Export a subscriber's data",
            description =
                    "Everything held about the person (GDPR access): the subscriber, and each digest with the "
                            + "papers it held and why each matched, and their votes on papers (More like this, Fewer like this).")
    @APIResponse(responseCode = "200", description = "The person's data")
    @APIResponse(responseCode = "404", description = "No such subscriber")
    public Export export(@PathParam("id") long id) {
        Subscriber subscriber = find(id);
        List<Delivery> deliveries = Delivery.list("subscriberId", Sort.by("id"), id);
        Map<Long, Selection> selections =
                deliveries.stream().collect(Collectors.toMap(d -> d.id, d -> DeliverySelection.of(d.id)));
        Set<Long> paperIds = new HashSet<>();
        selections.values().forEach(s -> paperIds.addAll(s.paperIds()));
        Map<Long, Paper> papers = paperIds.isEmpty()
                ? Map.of()
                : Paper.listByIds(paperIds).stream().collect(Collectors.toMap(p -> p.id, Function.identity()));
        List<DeliveryRecord> records = deliveries.stream()
                .map(d -> new DeliveryRecord(
                        d.id,
                        d.period,
                        d.status,
                        d.paperCount,
                        d.matchedCount,
                        d.attempts,
                        d.sentAt,
                        selections.get(d.id).picks().stream()
                                .filter(pick -> papers.containsKey(pick.paperId()))
                                .map(pick -> new PaperRecord(
                                        papers.get(pick.paperId()).arxivId,
                                        papers.get(pick.paperId()).title,
                                        pick.describedReasons()))
                                .toList()))
                .toList();
        return new Export(SubscriberView.of(subscriber), records, PaperFeedback.of(id));
    }

    @GET
    @Path("{id}/digest-preview")
    @Produces(MediaType.TEXT_HTML)
    @Operation(
            summary = "Preview a subscriber's digest",
            description = "The HTML digest this subscriber would get now from the papers not yet sent to them; "
                    + "nothing is queued or sent.")
    @APIResponse(responseCode = "200", description = "The digest's HTML")
    @APIResponse(responseCode = "404", description = "No such subscriber")
    public String digestPreview(@PathParam("id") long id) {
        return previews.html(find(id));
    }

    private static Subscriber find(long id) {
        Subscriber subscriber = Subscriber.findById(id);
        if (subscriber == null) {
            throw new NotFoundException("subscriber " + id);
        }
        return subscriber;
    }
}
