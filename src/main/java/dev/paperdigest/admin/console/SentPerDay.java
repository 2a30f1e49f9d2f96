package dev.paperdigest.admin.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Digests sent per UTC day. A day that has passed keeps its count (a digest is sent once, and its
 * time of sending never changes), so each past day is counted once per process and remembered;
 * only the days still open are counted at every call. At 100,000 digests a day, counting all 30
 * days at every page would read three million index entries.
 */
@ApplicationScoped
public class SentPerDay {

    /** How long after its end a day's count may still grow: a batch marked sent just before midnight commits after it. */
    static final Duration SETTLED_AFTER = Duration.ofMinutes(10);

    private final Map<LocalDate, Long> pastDays = new ConcurrentHashMap<>();
    private final EntityManager em;

    public SentPerDay(EntityManager em) {
        this.em = em;
    }

    /** The count of each of {@code days} (consecutive, ending today), as of {@code now}. */
    Map<LocalDate, Long> count(List<LocalDate> days, Instant now) {
        pastDays.keySet().removeIf(day -> day.isBefore(days.get(0)));
        Map<LocalDate, Long> counts = new TreeMap<>();
        for (LocalDate day : days) {
            boolean settled = start(day.plusDays(1)).plus(SETTLED_AFTER).isBefore(now);
            counts.put(day, settled ? pastDays.computeIfAbsent(day, this::sentOn) : sentOn(day));
        }
        return counts;
    }

    private long sentOn(LocalDate day) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM delivery WHERE sent_at >= ?1 AND sent_at < ?2")
                        .setParameter(1, start(day))
                        .setParameter(2, start(day.plusDays(1)))
                        .getSingleResult())
                .longValue();
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
