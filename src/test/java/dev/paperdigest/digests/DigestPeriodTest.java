package dev.paperdigest.digests;

import dev.paperdigest.subscriptions.Frequency;
import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** When a scheduled tick owes someone a digest, and which period it is. */
@NoDatabase
class DigestPeriodTest {

    @ParameterizedTest(name = "{0} {1}h {2}, weekly on {3}s, at {4} -> {5}")
    @CsvSource({
        // frequency, send hour, zone, weekly day, now (UTC), period owed ("-" for none yet)
        "DAILY,  8, Europe/Berlin,    MONDAY,   2026-11-28T06:59:00Z, -",
        "DAILY,  8, Europe/Berlin,    MONDAY,   2026-11-28T07:00:00Z, 2026-11-28",
        "DAILY,  8, Europe/Berlin,    MONDAY,   2026-11-28T22:30:00Z, 2026-11-28",
        "DAILY,  8, Europe/Berlin,    MONDAY,   2026-11-28T23:30:00Z, -", // already the 29th in Berlin, before 8:00
        "DAILY,  0, Pacific/Auckland, MONDAY,   2026-11-28T11:00:00Z, 2026-11-29",
        "DAILY, 23, America/New_York, MONDAY,   2026-11-29T03:59:00Z, -", // 22:59 on the 28th in New York
        "DAILY, 23, America/New_York, MONDAY,   2026-11-29T04:00:00Z, 2026-11-28",
        "DAILY,  8, UTC,              THURSDAY, 2026-11-30T09:00:00Z, 2026-11-30", // the weekly day is for weeks only
        "WEEKLY, 8, UTC,              MONDAY,   2026-11-30T07:59:00Z, -", // Monday, before the hour
        "WEEKLY, 8, UTC,              MONDAY,   2026-11-30T08:00:00Z, 2026-W49",
        "WEEKLY, 8, UTC,              MONDAY,   2026-12-03T12:00:00Z, 2026-W49", // later that week: still owed (a
        // missed Monday is caught up)
        "WEEKLY, 8, UTC,              MONDAY,   2026-12-28T09:00:00Z, 2026-W53",
        "WEEKLY, 8, UTC,              MONDAY,   2027-01-04T09:00:00Z, 2027-W01",
        "WEEKLY, 8, UTC,              THURSDAY, 2026-11-30T09:00:00Z, 2026-W48", // Monday: the week begun on the 26th
        "WEEKLY, 8, UTC,              THURSDAY, 2026-12-03T07:59:00Z, -", // Thursday, before the hour
        "WEEKLY, 8, UTC,              THURSDAY, 2026-12-03T08:00:00Z, 2026-W49",
        "WEEKLY, 8, UTC,              THURSDAY, 2026-12-07T12:00:00Z, 2026-W49", // the next Monday: the same week
        "WEEKLY, 8, UTC,              THURSDAY, 2027-01-01T09:00:00Z, 2026-W53", // begun Thursday, December 31
        "WEEKLY, 8, Asia/Tokyo,       SUNDAY,   2026-12-05T23:00:00Z, 2026-W49", // 08:00 on Sunday the 6th in Tokyo
        "WEEKLY, 8, Asia/Tokyo,       SUNDAY,   2026-12-05T22:59:00Z, -",
    })
    void aScheduledTickOwesTheLocalPeriodOnceTheSendHourHasCome(
            Frequency frequency, int sendHour, String zone, DayOfWeek weeklyDay, String now, String expected) {
        String owed = DigestPeriod.due(frequency, sendHour, ZoneId.of(zone), weeklyDay, Instant.parse(now))
                .map(DigestPeriod::key)
                .orElse("-");
        assertEquals(expected, owed);
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-28, DAILY,  MONDAY,   'Saturday, November 28, 2026'",
        "2026-W48,   WEEKLY, MONDAY,   'week of Monday, November 23, 2026'",
        "2027-W01,   WEEKLY, MONDAY,   'week of Monday, January 4, 2027'",
        "2026-W48,   WEEKLY, THURSDAY, 'week of Thursday, November 26, 2026'",
        "2026-W53,   WEEKLY, THURSDAY, 'week of Thursday, December 31, 2026'",
        "2026-W49,   WEEKLY, SUNDAY,   'week of Sunday, December 6, 2026'",
    })
    void aStoredKeyNamesTheSamePeriod(String key, Frequency frequency, DayOfWeek weeklyDay, String label) {
        DigestPeriod period = DigestPeriod.fromKey(key, weeklyDay);
        assertEquals(frequency, period.frequency());
        assertEquals(key, period.key());
        assertEquals(label, period.label());
        assertEquals(period, DigestPeriod.of(frequency, period.start(), weeklyDay));
    }

    @ParameterizedTest
    @CsvSource({
        // a weekly period runs from its weekly day to the day before the next one
        "MONDAY,   2026-11-23, 2026-11-29, 2026-W48",
        "THURSDAY, 2026-11-26, 2026-12-02, 2026-W48",
        "SUNDAY,   2026-11-29, 2026-12-05, 2026-W48",
    })
    void everyDayOfAWeekFallsInOneWeeklyPeriod(DayOfWeek weeklyDay, LocalDate first, LocalDate last, String key) {
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            DigestPeriod period = DigestPeriod.of(Frequency.WEEKLY, day, weeklyDay);
            assertEquals(key, period.key(), day.toString());
            assertEquals(first, period.start(), day.toString());
        }
        assertNotEquals(
                key,
                DigestPeriod.of(Frequency.WEEKLY, first.minusDays(1), weeklyDay).key());
        assertNotEquals(
                key,
                DigestPeriod.of(Frequency.WEEKLY, last.plusDays(1), weeklyDay).key());
        assertEquals(
                first.atTime(8, 0).toInstant(ZoneOffset.UTC),
                DigestPeriod.of(Frequency.WEEKLY, last, weeklyDay).sendAt(8, ZoneOffset.UTC));
    }

    @Test
    void aDayIsItsOwnDailyPeriod() {
        DigestPeriod period = DigestPeriod.of(Frequency.DAILY, LocalDate.of(2026, 11, 28), DayOfWeek.THURSDAY);
        assertEquals("2026-11-28", period.key());
        assertEquals("2026-11-29", period.next().key());
    }
}
