package dev.paperdigest.admin.console;

import dev.paperdigest.admin.console.ConsolePage.Chart;
import dev.paperdigest.admin.console.ConsolePage.DigestRunRow;
import dev.paperdigest.admin.console.ConsolePage.FailedDigest;
import dev.paperdigest.admin.console.ConsolePage.IngestionRunRow;
import dev.paperdigest.admin.console.ConsolePage.Outbox;
import dev.paperdigest.admin.console.ConsolePage.StatusCount;
import dev.paperdigest.admin.console.StatusHistory.Change;
import dev.paperdigest.common.Database;
import dev.paperdigest.common.RunStatus;
import dev.paperdigest.digests.Delivery;
import dev.paperdigest.digests.DeliveryStatus;
import dev.paperdigest.digests.DigestRun;
import dev.paperdigest.papers.ingestion.IngestionRun;
import dev.paperdigest.subscriptions.SubscriberStatus;
import io.quarkus.panache.common.Sort;
import io.quarkus.qute.RawString;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the console shows, read from the database. Every count is made in SQL over the days shown
 * only, through an index on the time it counts by (V13 or older), or over rows few by nature (the
 * bounced subscribers, the last runs); the count of all subscribers by status reads their status
 * index alone, and the digests sent on past days are counted once ({@link SentPerDay}). So a page
 * stays fast at millions of deliveries (docs/PERFORMANCE.md, figure 5). Days are UTC days.
 */
@ApplicationScoped
public class ConsoleQueries {

    /** Days shown, today included. */
    static final int DAYS = 30;

    static final int RUNS_SHOWN = 10;
    static final int FAILURES_SHOWN = 5;
    static final int ERROR_SHOWN = 300;

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String[] SOURCE_COLOURS = {"#2458d6", "#e8a33d", "#7c3aed", "#0e9384", "#c11574", "#5b6573"};
    private static final Map<SubscriberStatus, String> STATUS_COLOURS = Map.of(
            SubscriberStatus.PENDING, "#e8a33d",
            SubscriberStatus.ACTIVE, "#067647",
            SubscriberStatus.UNSUBSCRIBED, "#98a2b3",
            SubscriberStatus.BOUNCED, "#b42318");

    private final EntityManager em;
    private final Database database;
    private final SentPerDay sentPerDay;
    private final Clock clock;

    public ConsoleQueries(EntityManager em, Database database, SentPerDay sentPerDay, Clock clock) {
        this.em = em;
        this.database = database;
        this.sentPerDay = sentPerDay;
        this.clock = clock;
    }

    public ConsolePage load() {
        Instant now = clock.instant();
        List<LocalDate> days = days(now);
        Instant from = days.get(0).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<SubscriberStatus, Long> subscribers = subscribersNow();
        List<Chart> charts = List.of(
                lineChart("subscribers", "Subscribers by status", subscriberHistory(days, from, subscribers)),
                barChart("papers", "Papers ingested per day, by source", papersPerDay(days, from)),
                barChart("digests", "Digests sent and failed per day", digestsPerDay(days, from, now)));
        return new ConsolePage(
                MINUTE.format(now) + " UTC",
                statusCounts(subscribers),
                outbox(),
                charts,
                recentFailures(),
                digestRuns(),
                ingestionRuns());
    }

    static List<LocalDate> days(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<LocalDate> days = new ArrayList<>(DAYS);
        for (int i = DAYS - 1; i >= 0; i--) {
            days.add(today.minusDays(i));
        }
        return days;
    }

    private static Chart lineChart(String id, String heading, ChartData data) {
        return new Chart(id, heading, data, new RawString(SvgLineChart.render(data)));
    }

    private static Chart barChart(String id, String heading, ChartData data) {
        return new Chart(id, heading, data, new RawString(SvgBarChart.render(data)));
    }

    /** Counted in the status index alone (H2 reads every row for {@code count(s.id)}). */
    @SuppressWarnings("unchecked")
    private Map<SubscriberStatus, Long> subscribersNow() {
        Map<SubscriberStatus, Long> counts = new EnumMap<>(SubscriberStatus.class);
        List<Object[]> rows = em.createNativeQuery("SELECT status, COUNT(*) FROM subscriber GROUP BY status")
                .getResultList();
        rows.forEach(row -> counts.put(SubscriberStatus.valueOf((String) row[0]), count(row[1])));
        return counts;
    }

    private static List<StatusCount> statusCounts(Map<SubscriberStatus, Long> counts) {
        List<StatusCount> shown = new ArrayList<>();
        for (SubscriberStatus status : SubscriberStatus.values()) {
            shown.add(new StatusCount(status.name(), counts.getOrDefault(status, 0L)));
        }
        return shown;
    }

    private ChartData subscriberHistory(List<LocalDate> days, Instant from, Map<SubscriberStatus, Long> now) {
        List<Change> changes = new ArrayList<>();
        perDay("created_at", "", from)
                .forEach(row -> changes.add(new Change(day(row[0]), null, SubscriberStatus.PENDING, count(row[1]))));
        perDay("confirmed_at", "status <> 'PENDING'", from)
                .forEach(row -> changes.add(
                        new Change(day(row[0]), SubscriberStatus.PENDING, SubscriberStatus.ACTIVE, count(row[1]))));
        // left while pending or while active: whichever their confirmation says
        perDay("unsubscribed_at", "status = 'UNSUBSCRIBED'", "CASE WHEN confirmed_at IS NULL THEN 0 ELSE 1 END", from)
                .forEach(row -> changes.add(new Change(
                        day(row[0]),
                        count(row[1]) == 1 ? SubscriberStatus.ACTIVE : SubscriberStatus.PENDING,
                        SubscriberStatus.UNSUBSCRIBED,
                        count(row[2]))));
        // counted from their last bounce, which may have come after the one that made them BOUNCED
        perDay("last_bounce_at", "status = 'BOUNCED'", from)
                .forEach(row -> changes.add(
                        new Change(day(row[0]), SubscriberStatus.ACTIVE, SubscriberStatus.BOUNCED, count(row[1]))));
        Map<SubscriberStatus, List<Long>> history = StatusHistory.rebuild(days, now, changes);
        List<ChartData.Series> series = new ArrayList<>();
        for (SubscriberStatus status : SubscriberStatus.values()) {
            series.add(new ChartData.Series(status.name(), STATUS_COLOURS.get(status), history.get(status)));
        }
        return new ChartData(
                "Subscribers by status at the end of each day, last " + DAYS + " days",
                labels(days),
                series,
                "No subscribers yet");
    }

    private List<Object[]> perDay(String column, String where, Instant from) {
        return perDay(column, where, null, from);
    }

    /**
     * Rows of the table {@code subscriber} whose {@code column} lies in the days shown, counted per
     * UTC day (as days since 1970-01-01) and, if given, per value of {@code by}: rows of
     * {@code [day, count]} or {@code [day, by, count]}.
     */
    @SuppressWarnings("unchecked")
    private List<Object[]> perDay(String column, String where, String by, Instant from) {
        String also = by == null ? "" : ", b";
        String sql = "SELECT d" + also + ", COUNT(*) FROM (SELECT " + utcDay(column) + " AS d"
                + (by == null ? "" : ", " + by + " AS b") + " FROM subscriber WHERE " + column + " >= ?1"
                + (where.isEmpty() ? "" : " AND " + where) + ") t GROUP BY d" + also;
        return em.createNativeQuery(sql).setParameter(1, from).getResultList();
    }

    /**
     * The UTC day of a timestamp, as days since 1970-01-01. Each database has a fast way of its own;
     * H2's cast to a date would take the session's time zone.
     */
    String utcDay(String timestamp) {
        return database.isPostgres()
                ? "(CAST((" + timestamp + ") AT TIME ZONE 'UTC' AS DATE) - DATE '1970-01-01')"
                : "DATEDIFF(DAY, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', (" + timestamp
                        + ") AT TIME ZONE 'UTC')";
    }

    private static LocalDate day(Object epochDay) {
        return LocalDate.ofEpochDay(((Number) epochDay).longValue());
    }

    private static long count(Object value) {
        return ((Number) value).longValue();
    }

    /** New papers per day of their first sighting, by the source that brought them first. */
    @SuppressWarnings("unchecked")
    private ChartData papersPerDay(List<LocalDate> days, Instant from) {
        List<Object[]> rows = em.createNativeQuery("SELECT sources, d, COUNT(*) FROM (SELECT sources, "
                        + utcDay("first_seen_at") + " AS d FROM paper WHERE first_seen_at >= ?1) t GROUP BY sources, d")
                .setParameter(1, from)
                .getResultList();
        Map<String, long[]> bySource = new TreeMap<>();
        for (Object[] row : rows) {
            String sources = ((String) row[0]).strip();
            String first = sources.isEmpty() ? "unknown" : sources.split("\\s+")[0];
            int index = days.indexOf(day(row[1]));
            if (index >= 0) {
                bySource.computeIfAbsent(first, s -> new long[days.size()])[index] += count(row[2]);
            }
        }
        List<ChartData.Series> series = new ArrayList<>();
        int colour = 0;
        for (Map.Entry<String, long[]> source : bySource.entrySet()) {
            series.add(new ChartData.Series(
                    source.getKey(), SOURCE_COLOURS[colour++ % SOURCE_COLOURS.length], values(source.getValue())));
        }
        return new ChartData(
                "New papers per day by source, last " + DAYS + " days",
                labels(days),
                series,
                "No papers ingested in the last " + DAYS + " days");
    }

    /**
     * Digests sent per day of sending; failed ones per day their last attempt came due, which the
     * senders' index holds (the attempt itself follows within moments unless the outbox is behind).
     */
    @SuppressWarnings("unchecked")
    private ChartData digestsPerDay(List<LocalDate> days, Instant from, Instant now) {
        Map<LocalDate, Long> sent = sentPerDay.count(days, now);
        List<Object[]> rows = em.createNativeQuery("SELECT d, COUNT(*) FROM (SELECT " + utcDay("next_attempt_at")
                        + " AS d FROM delivery WHERE status = 'FAILED' AND next_attempt_at >= ?1) t GROUP BY d")
                .setParameter(1, from)
                .getResultList();
        Map<LocalDate, Long> failed = new TreeMap<>();
        rows.forEach(row -> failed.put(day(row[0]), count(row[1])));
        return new ChartData(
                "Digests sent and failed per day, last " + DAYS + " days",
                labels(days),
                List.of(
                        new ChartData.Series("sent", "#2458d6", perDay(days, sent)),
                        new ChartData.Series("failed", "#b42318", perDay(days, failed))),
                "No digests sent or failed in the last " + DAYS + " days");
    }

    private static List<Long> perDay(List<LocalDate> days, Map<LocalDate, Long> counts) {
        return days.stream().map(d -> counts.getOrDefault(d, 0L)).toList();
    }

    private static List<Long> values(long[] counts) {
        List<Long> values = new ArrayList<>(counts.length);
        for (long c : counts) {
            values.add(c);
        }
        return values;
    }

    private static List<String> labels(List<LocalDate> days) {
        return days.stream().map(LocalDate::toString).toList();
    }

    private Outbox outbox() {
        Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
        em.createQuery(
                        "select d.status, count(d) from Delivery d where d.status in ?1 group by d.status",
                        Object[].class)
                .setParameter(1, List.of(DeliveryStatus.QUEUED, DeliveryStatus.SENDING, DeliveryStatus.FAILED))
                .getResultList()
                .forEach(row -> counts.put((DeliveryStatus) row[0], count(row[1])));
        return new Outbox(
                counts.getOrDefault(DeliveryStatus.QUEUED, 0L),
                counts.getOrDefault(DeliveryStatus.SENDING, 0L),
                counts.getOrDefault(DeliveryStatus.FAILED, 0L));
    }

    private List<FailedDigest> recentFailures() {
        // the senders' index read backwards; with the status in the order, H2 sees that it may
        Sort latest = Sort.by("status", Sort.Direction.Descending)
                .and("nextAttemptAt", Sort.Direction.Descending)
                .and("id", Sort.Direction.Descending);
        return Delivery.<Delivery>find("status", latest, DeliveryStatus.FAILED).page(0, FAILURES_SHOWN).list().stream()
                .map(d -> new FailedDigest(
                        d.id,
                        d.subscriberId,
                        d.period,
                        d.attempts,
                        minute(d.claimedAt != null ? d.claimedAt : d.nextAttemptAt),
                        shorten(d.lastError)))
                .toList();
    }

    private List<DigestRunRow> digestRuns() {
        return DigestRun.<DigestRun>findAll(Sort.by("id", Sort.Direction.Descending))
                .page(0, RUNS_SHOWN)
                .list()
                .stream()
                .map(r -> {
                    boolean unfinished = r.status == RunStatus.QUEUED || r.status == RunStatus.RUNNING;
                    return new DigestRunRow(
                            r.id,
                            r.status.name(),
                            (r.periodDate == null ? "today" : r.periodDate.toString()) + (r.dryRun ? " (dry run)" : ""),
                            minute(r.createdAt),
                            minute(r.finishedAt),
                            r.subscribers,
                            r.queued,
                            r.sent,
                            r.failed,
                            Math.round(r.progress * 100) + "%",
                            shorten(r.error),
                            unfinished && !r.cancelRequested,
                            unfinished && r.cancelRequested);
                })
                .toList();
    }

    private List<IngestionRunRow> ingestionRuns() {
        return IngestionRun.<IngestionRun>findAll(Sort.by("id", Sort.Direction.Descending))
                .page(0, RUNS_SHOWN)
                .list()
                .stream()
                .map(r -> {
                    boolean unfinished = r.status == RunStatus.QUEUED || r.status == RunStatus.RUNNING;
                    return new IngestionRunRow(
                            r.id,
                            r.source,
                            r.status.name(),
                            minute(r.startedAt),
                            minute(r.finishedAt),
                            r.created,
                            r.updated,
                            r.skipped,
                            r.rejected,
                            shorten(r.error),
                            unfinished && !r.cancelRequested,
                            unfinished && r.cancelRequested);
                })
                .toList();
    }

    private static String minute(Instant instant) {
        return instant == null ? "" : MINUTE.format(instant);
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= ERROR_SHOWN ? text : text.substring(0, ERROR_SHOWN) + "…";
    }
}
