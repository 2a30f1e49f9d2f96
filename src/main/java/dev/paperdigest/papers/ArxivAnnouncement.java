package dev.paperdigest.papers;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The day a paper belongs to when arXiv is all we know of it: the day of arXiv's announcement
 * that first listed it, worked out from its first submission time (the Atom {@code published})
 * after arXiv's announcement schedule.
 *
 * <p>Submissions received before the 14:00 US Eastern deadline of a weekday are announced at
 * 20:00 Eastern that evening, Monday to Thursday; those of Thursday 14:00 to Friday 14:00 on
 * Sunday evening; those of Friday 14:00 to Monday 14:00 on Monday evening. 20:00 Eastern is
 * already the next day in UTC, and that next day is the date arXiv's listing carries and the day
 * Hugging Face's Daily Papers list the new papers on, so it is the day returned here: a paper
 * submitted on Monday morning belongs to Tuesday, one submitted on Thursday afternoon or Friday
 * morning to Monday.
 *
 * <p>An approximation: arXiv skips announcements on a few holidays, and a submission held for
 * moderation is announced later than its time says; such papers land a day or a few early.
 */
public final class ArxivAnnouncement {

    static final ZoneId EASTERN = ZoneId.of("America/New_York");
    static final LocalTime DEADLINE = LocalTime.of(14, 0);

    private ArxivAnnouncement() {}

    /** The announcement day of a paper first submitted at {@code submitted}; null for null. */
    public static LocalDate dayOf(Instant submitted) {
        if (submitted == null) {
            return null;
        }
        ZonedDateTime eastern = submitted.atZone(EASTERN);
        LocalDate deadline = eastern.toLocalTime().isBefore(DEADLINE)
                ? eastern.toLocalDate()
                : eastern.toLocalDate().plusDays(1);
        while (deadline.getDayOfWeek() == DayOfWeek.SATURDAY || deadline.getDayOfWeek() == DayOfWeek.SUNDAY) {
            deadline = deadline.plusDays(1);
        }
        LocalDate evening = deadline.getDayOfWeek() == DayOfWeek.FRIDAY ? deadline.plusDays(2) : deadline;
        return evening.plusDays(1);
    }
}
