package dev.paperdigest.digests;

import dev.paperdigest.subscriptions.Frequency;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/**
 * The period a digest covers, named so that one subscriber can have one digest per name:
 * the local day ({@code 2026-11-28}) or the ISO week ({@code 2026-W48}).
 */
public record DigestPeriod(String key, String label) {

    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.ENGLISH);

    public static DigestPeriod of(Frequency frequency, LocalDate day) {
        if (frequency == Frequency.WEEKLY) {
            LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            String week = String.format(Locale.ROOT, "%d-W%02d",
                    day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            return new DigestPeriod(week, "week of " + LABEL.format(monday));
        }
        return new DigestPeriod(day.toString(), LABEL.format(day));
    }

    /** The period a stored key names. */
    public static DigestPeriod fromKey(String key) {
        if (key.contains("-W")) {
            int year = Integer.parseInt(key.substring(0, 4));
            int week = Integer.parseInt(key.substring(key.indexOf("-W") + 2));
            LocalDate monday = LocalDate.of(year, 1, 4)
                    .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            return of(Frequency.WEEKLY, monday);
        }
        return of(Frequency.DAILY, LocalDate.parse(key));
    }

    /**
     * The period a scheduled run owes a subscriber now: today once their send hour has come
     * (for weekly digests, this week once its send day and hour have come), or nothing yet.
     */
    public static Optional<DigestPeriod> due(Frequency frequency, int sendHour, ZoneId zone, DayOfWeek weeklyDay, Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalDate sendDay = frequency == Frequency.WEEKLY
                ? local.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).with(TemporalAdjusters.nextOrSame(weeklyDay))
                : local.toLocalDate();
        ZonedDateTime sendAt = sendDay.atStartOfDay(zone).withHour(sendHour);
        return local.isBefore(sendAt) ? Optional.empty() : Optional.of(of(frequency, local.toLocalDate()));
    }
}
