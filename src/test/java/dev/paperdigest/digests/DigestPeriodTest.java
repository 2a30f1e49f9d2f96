package dev.paperdigest.digests;

import dev.paperdigest.subscriptions.Frequency;
import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** When a scheduled tick owes someone a digest, and which period it is. */
@NoDatabase
class DigestPeriodTest {

    @ParameterizedTest(name = "{0} {1}h {2} at {3} -> {4}")
    @CsvSource({
        // frequency, send hour, zone, now (UTC), period owed ("-" for none yet)
        "DAILY,  8, Europe/Berlin,    2026-11-28T06:59:00Z, -",
        "DAILY,  8, Europe/Berlin,    2026-11-28T07:00:00Z, 2026-11-28",
        "DAILY,  8, Europe/Berlin,    2026-11-28T22:30:00Z, 2026-11-28",
        "DAILY,  8, Europe/Berlin,    2026-11-28T23:30:00Z, -", // already the 29th in Berlin, before 8:00
        "DAILY,  0, Pacific/Auckland, 2026-11-28T11:00:00Z, 2026-11-29",
        "DAILY, 23, America/New_York, 2026-11-29T03:59:00Z, -", // 22:59 on the 28th in New York
        "DAILY, 23, America/New_York, 2026-11-29T04:00:00Z, 2026-11-28",
        "WEEKLY, 8, UTC,              2026-11-30T07:59:00Z, -", // Monday, before the hour
        "WEEKLY, 8, UTC,              2026-11-30T08:00:00Z, 2026-W49",
        "WEEKLY, 8, UTC,              2026-12-03T12:00:00Z, 2026-W49", // later that week: still owed (a missed Monday
        // is caught up)
        "WEEKLY, 8, UTC,              2026-12-28T09:00:00Z, 2026-W53",
        "WEEKLY, 8, UTC,              2027-01-04T09:00:00Z, 2027-W01",
    })
    void aScheduledTickOwesTheLocalPeriodOnceTheSendHourHasCome(
            Frequency frequency, int sendHour, String zone, String now, String expected) {
        String owed = DigestPeriod.due(frequency, sendHour, ZoneId.of(zone), DayOfWeek.MONDAY, Instant.parse(now))
                .map(DigestPeriod::key)
                .orElse("-");
        assertEquals(expected, owed);
    }

    @ParameterizedTest
    @CsvSource({"2026-11-28, DAILY", "2026-W48, WEEKLY", "2027-W01, WEEKLY"})
    void aStoredKeyNamesTheSamePeriod(String key, Frequency frequency) {
        DigestPeriod period = DigestPeriod.fromKey(key);
        assertEquals(key, period.key());
        if (frequency == Frequency.WEEKLY) {
            assertEquals(true, period.label().startsWith("week of Monday"));
        }
    }

    @ParameterizedTest
    @CsvSource({"DAILY, 2026-11-28", "WEEKLY, 2026-W48"})
    void aDayFallsInOnePeriod(Frequency frequency, String key) {
        assertEquals(key, DigestPeriod.of(frequency, LocalDate.of(2026, 11, 28)).key());
        if (frequency == Frequency.WEEKLY) {
            // every day of that ISO week, Monday to Sunday, is the same weekly digest
            assertEquals(
                    key, DigestPeriod.of(frequency, LocalDate.of(2026, 11, 23)).key());
            assertEquals(
                    key, DigestPeriod.of(frequency, LocalDate.of(2026, 11, 29)).key());
        }
    }
}
