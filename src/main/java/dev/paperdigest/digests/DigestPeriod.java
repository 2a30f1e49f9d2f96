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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The period a digest covers, named so that one subscriber can have one digest per name: the
 * local day ({@code 2026-11-28}) or the ISO week ({@code 2026-W48}). {@code start} is the day, or
 * the Monday of the week.
 */
public record DigestPeriod(Frequency frequency, LocalDate start) {

    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.ENGLISH);
    private static final Pattern WEEK_KEY = Pattern.compile("(\\d{4})-W(\\d{2})");

    public static DigestPeriod of(Frequency frequency, LocalDate day) {
        return new DigestPeriod(
                frequency,
                frequency == Frequency.WEEKLY ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day);
    }

    /** The period a stored key names; {@link IllegalArgumentException} for anything else. */
    public static DigestPeriod fromKey(String key) {
        Matcher week = WEEK_KEY.matcher(key);
        if (week.matches()) {
            LocalDate monday = LocalDate.of(Integer.parseInt(week.group(1)), 1, 4)
                    .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(week.group(2)))
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            return new DigestPeriod(Frequency.WEEKLY, monday);
        }
        try {
            return new DigestPeriod(Frequency.DAILY, LocalDate.parse(key));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a digest period: " + key, e);
        }
    }

    public String key() {
        if (frequency == Frequency.WEEKLY) {
            return String.format(
                    Locale.ROOT,
                    "%d-W%02d",
                    start.get(IsoFields.WEEK_BASED_YEAR),
                    start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        }
        return start.toString();
    }

    public String label() {
        return (frequency == Frequency.WEEKLY ? "week of " : "") + LABEL.format(start);
    }

    public DigestPeriod next() {
        return new DigestPeriod(frequency, start.plusDays(frequency == Frequency.WEEKLY ? 7 : 1));
    }

    /** When a scheduled digest for this period is due: the send hour of the day (of the week's send day). */
    public Instant sendAt(int sendHour, ZoneId zone, DayOfWeek weeklyDay) {
        LocalDate day = frequency == Frequency.WEEKLY ? start.with(TemporalAdjusters.nextOrSame(weeklyDay)) : start;
        return day.atStartOfDay(zone).withHour(sendHour).toInstant();
    }

    /**
     * The period a scheduled run owes a subscriber now: today once their send hour has come
     * (for weekly digests, this week once its send day and hour have come), or nothing yet.
     */
    public static Optional<DigestPeriod> due(
            Frequency frequency, int sendHour, ZoneId zone, DayOfWeek weeklyDay, Instant now) {
        ZonedDateTime local = now.atZone(zone);
        DigestPeriod current = of(frequency, local.toLocalDate());
        return now.isBefore(current.sendAt(sendHour, zone, weeklyDay)) ? Optional.empty() : Optional.of(current);
    }
}
