package dev.paperdigest.subscriptions;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * The day of the week weekly digests go out, as pages and emails about a subscription say it.
 * The digests decide the day ({@code digest.delivery.weekly-day}) and provide this.
 */
public interface WeeklyDigestDay {

    DayOfWeek day();

    /** "Thursday". */
    default String name() {
        return day().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    /** "every day" or "every Thursday". */
    default String every(Frequency frequency) {
        return frequency == Frequency.DAILY ? "every day" : "every " + name();
    }
}
