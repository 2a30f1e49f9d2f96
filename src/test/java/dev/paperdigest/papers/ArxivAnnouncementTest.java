package dev.paperdigest.papers;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@NoDatabase
class ArxivAnnouncementTest {

    private static LocalDate day(String submitted) {
        return ArxivAnnouncement.dayOf(Instant.parse(submitted));
    }

    @Test
    void beforeTheDeadlineOfAWeekdayTheNextDaysListing() {
        // June 2026: Eastern daylight time, UTC-4; the deadline is 18:00 UTC
        assertEquals(LocalDate.of(2026, 6, 9), day("2026-06-08T17:59:59Z"), "Monday 13:59");
        assertEquals(LocalDate.of(2026, 6, 10), day("2026-06-08T18:00:00Z"), "Monday 14:00: Tuesday's window");
        assertEquals(LocalDate.of(2026, 6, 10), day("2026-06-08T23:30:00Z"), "Monday evening");
        assertEquals(LocalDate.of(2026, 6, 10), day("2026-06-09T03:30:00Z"), "still Monday evening in New York");
        assertEquals(LocalDate.of(2026, 6, 12), day("2026-06-11T12:00:00Z"), "Thursday morning");
    }

    @Test
    void thursdayAfternoonToMondayAfternoonIsAnnouncedOnSundayOrMondayEvening() {
        assertEquals(LocalDate.of(2026, 6, 15), day("2026-06-11T19:00:00Z"), "Thursday afternoon: Sunday evening");
        assertEquals(LocalDate.of(2026, 6, 15), day("2026-06-12T17:00:00Z"), "Friday morning: Sunday evening");
        assertEquals(LocalDate.of(2026, 6, 16), day("2026-06-12T19:00:00Z"), "Friday afternoon: Monday evening");
        assertEquals(LocalDate.of(2026, 6, 16), day("2026-06-13T12:00:00Z"), "Saturday");
        assertEquals(LocalDate.of(2026, 6, 16), day("2026-06-14T20:00:00Z"), "Sunday");
        assertEquals(LocalDate.of(2026, 6, 16), day("2026-06-15T17:59:00Z"), "Monday before the deadline");
    }

    @Test
    void theDeadlineIsInEasternTimeWhateverTheSeason() {
        // January: Eastern standard time, UTC-5; the deadline is 19:00 UTC
        assertEquals(LocalDate.of(2026, 1, 7), day("2026-01-06T18:30:00Z"), "Tuesday 13:30 EST");
        assertEquals(LocalDate.of(2026, 1, 8), day("2026-01-06T19:00:00Z"), "Tuesday 14:00 EST");
        assertEquals(LocalDate.of(2026, 6, 11), day("2026-06-09T18:30:00Z"), "Tuesday 14:30 EDT");
    }

    @Test
    void agreesWithTheDayHuggingFaceListedARealPaperOn() throws IOException {
        // 2410.18745 in the Hugging Face sample of 2024-10-25: submitted to arXiv on Thursday 09:51 Eastern
        Samples.Collected hf = new Samples.Collected();
        new HfDailyPapersParser(new ObjectMapper()).parse(Samples.open("hf_daily_papers_2024-10-25_excerpt.json"), hf);
        PaperRecord paper = hf.byId("2410.18745");
        assertEquals(paper.listedOn(), ArxivAnnouncement.dayOf(paper.publishedAt()));
    }

    @Test
    void noTimeNoDay() {
        assertNull(ArxivAnnouncement.dayOf(null));
    }
}
