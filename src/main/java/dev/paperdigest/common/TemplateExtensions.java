package dev.paperdigest.common;

import io.quarkus.qute.TemplateExtension;

import java.time.LocalDate;

/** Small formatting helpers shared by pages and emails. */
@TemplateExtension
public class TemplateExtensions {

    static String twoDigits(Integer number) {
        return String.format("%02d", number);
    }

    static String day(LocalDate date) {
        return date == null ? "" : Dates.DAY.format(date);
    }

    /** Cuts long text at a word boundary, with an ellipsis. */
    static String truncate(String text, int maxChars) {
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        int cut = text.lastIndexOf(' ', maxChars);
        return text.substring(0, cut > maxChars / 2 ? cut : maxChars) + " …";
    }
}
