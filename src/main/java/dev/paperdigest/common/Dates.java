package dev.paperdigest.common;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The one way a day is written for people: "Nov 28, 2026", on pages, in emails, and on the pages the demo papers come from. */
public final class Dates {

    public static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);

    private Dates() {}
}
