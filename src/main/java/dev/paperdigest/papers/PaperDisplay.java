package dev.paperdigest.papers;

import dev.paperdigest.common.Dates;
import io.quarkus.qute.TemplateExtension;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** How a paper's facts read on a page or in an email. */
public final class PaperDisplay {

    static final int AUTHORS_SHOWN = 5;

    private PaperDisplay() {}

    /** Up to five names; a longer list is cut to three with "et al." and the count. */
    static String authors(List<String> authors) {
        if (authors.size() <= AUTHORS_SHOWN) {
            return String.join(", ", authors);
        }
        return String.join(", ", authors.subList(0, 3)) + " et al. (" + authors.size() + " authors)";
    }

    static String date(Instant instant) {
        return instant == null ? null : Dates.DAY.format(instant.atOffset(ZoneOffset.UTC));
    }

    /** Authors, date and categories, separated by middle dots, leaving out what is unknown. */
    @TemplateExtension
    public static String metaLine(Paper paper) {
        List<String> parts = new ArrayList<>();
        if (!paper.authors.isEmpty()) {
            parts.add(authors(paper.authors));
        }
        if (paper.publishedAt != null) {
            parts.add(date(paper.publishedAt));
        }
        if (!paper.categories.isEmpty()) {
            parts.add(String.join(", ", paper.categories));
        }
        return String.join(" · ", parts);
    }
}
