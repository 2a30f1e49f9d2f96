package dev.paperdigest.subscriptions;

import dev.paperdigest.papers.PaperOrder;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The front page's query parameters, read leniently: an unknown order is the default one, a page
 * that is not a positive number the first; only a day that is not a day is reported, since a person
 * typed it.
 *
 * @param day      the day asked for, or null for the default one
 * @param dayError what was wrong with the day typed, or null
 * @param q        the search as typed, or null when there is none
 */
record HomeQuery(LocalDate day, String dayError, PaperOrder order, String q, int page) {

    private static final Pattern ISO_DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** {@code day} is the page's name for the day, {@code date} another accepted name. */
    static HomeQuery of(String day, String date, String sort, String q, String page) {
        String dayText = !isBlank(day) ? day.strip() : !isBlank(date) ? date.strip() : null;
        LocalDate parsed = null;
        String dayError = null;
        if (dayText != null) {
            try {
                if (!ISO_DAY.matcher(dayText).matches()) {
                    throw new DateTimeParseException("not YYYY-MM-DD", dayText, 0);
                }
                parsed = LocalDate.parse(dayText);
            } catch (DateTimeParseException e) {
                dayError = "\"" + dayText + "\" is not a day: write it as YYYY-MM-DD, such as 2026-06-12.";
            }
        }
        PaperOrder order = sort != null && sort.strip().toLowerCase(Locale.ROOT).equals("newest")
                ? PaperOrder.NEWEST
                : PaperOrder.TRENDING;
        return new HomeQuery(parsed, dayError, order, isBlank(q) ? null : q.strip(), pageNumber(page));
    }

    private static int pageNumber(String page) {
        try {
            return page == null ? 1 : Math.max(1, Integer.parseInt(page.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
