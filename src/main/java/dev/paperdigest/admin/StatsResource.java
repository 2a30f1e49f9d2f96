package dev.paperdigest.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

@Path("/api/admin/stats")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    /** {@code matches}: papers matched into digests queued or sent, the ones not shown included. */
    public record Stats(
            Map<String, Long> subscribers,
            long papers,
            long matches,
            Map<String, Long> deliveries,
            Map<String, Map<String, Long>> deliveriesByDay) {}

    private final EntityManager em;

    public StatsResource(EntityManager em) {
        this.em = em;
    }

    @GET
    @Operation(
            summary = "Counts",
            description = "Subscribers by status, papers, papers matched into digests (`matches`, the ones not "
                    + "shown included), deliveries by status, and deliveries by period and status.")
    @APIResponse(responseCode = "200", description = "The counts")
    public Stats stats() {
        Map<String, Long> subscribers = counts("select s.status, count(s) from Subscriber s group by s.status");
        Map<String, Long> deliveries = counts("select d.status, count(d) from Delivery d group by d.status");
        Map<String, Map<String, Long>> byDay = new TreeMap<>();
        for (Object[] row : em.createQuery(
                        "select d.period, d.status, count(d) from Delivery d group by d.period, d.status",
                        Object[].class)
                .getResultList()) {
            byDay.computeIfAbsent((String) row[0], p -> new LinkedHashMap<>()).put(row[1].toString(), (Long) row[2]);
        }
        return new Stats(
                subscribers,
                single("select count(p) from Paper p"),
                single("select coalesce(sum(d.matchedCount), 0) from Delivery d"),
                deliveries,
                byDay);
    }

    private Map<String, Long> counts(String query) {
        Map<String, Long> counts = new TreeMap<>();
        List<Object[]> rows = em.createQuery(query, Object[].class).getResultList();
        rows.forEach(row -> counts.put(row[0].toString(), (Long) row[1]));
        return counts;
    }

    private long single(String query) {
        return em.createQuery(query, Long.class).getSingleResult();
    }
}
