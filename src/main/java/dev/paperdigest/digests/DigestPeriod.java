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
 * local day ({@code 2026-11-28}), or the week that starts on the weekly day
 * ({@code digest.delivery.weekly-day}) and goes out that day, named by the ISO week its first day
 * falls in ({@code 2026-W48}). {@code start} is the day, or the first day of the week.
 */
public record DigestPeriod(Frequency frequency, LocalDate start) {

    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.ENGLISH);
    private static final Pattern WEEK_KEY = Pattern.compile("(\\d{4})-W(\\d{2})");

    /** The period a local day falls in; weekly periods run from one {@code weeklyDay} to the day before the next. */
    public static DigestPeriod of(Frequency frequency, LocalDate day, DayOfWeek weeklyDay) {
        return new DigestPeriod(
                frequency, frequency == Frequency.WEEKLY ? day.with(TemporalAdjusters.previousOrSame(weeklyDay)) : day);
    }

    /**
     * The period a stored key names; {@link IllegalArgumentException} for anything else. A week
     * is taken to start on {@code weeklyDay} of that ISO week (the day configured now: a digest
     * stored before the day was changed reads as the week of the new day).
     */
    public static DigestPeriod fromKey(String key, DayOfWeek weeklyDay) {
        Matcher week = WEEK_KEY.matcher(key);
        if (week.matches()) {
            LocalDate monday = LocalDate.of(Integer.parseInt(week.group(1)), 1, 4)
                    .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(week.group(2)))
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            return new DigestPeriod(Frequency.WEEKLY, monday.with(TemporalAdjusters.nextOrSame(weeklyDay)));
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

    /** When a scheduled digest for this period is due: the send hour of its first day. */
    public Instant sendAt(int sendHour, ZoneId zone) {
        return start.atStartOfDay(zone).withHour(sendHour).toInstant();
    }

    /**
     * The period a scheduled run owes a subscriber now: today once their send hour has come
     * (for weekly digests, this week once the send hour of its first day has come), or nothing yet.
     */
    public static Optional<DigestPeriod> due(
            Frequency frequency, int sendHour, ZoneId zone, DayOfWeek weeklyDay, Instant now) {
        ZonedDateTime local = now.atZone(zone);
        DigestPeriod current = of(frequency, local.toLocalDate(), weeklyDay);
        return now.isBefore(current.sendAt(sendHour, zone)) ? Optional.empty() : Optional.of(current);
    }
}
