package dev.paperdigest.subscriptions;

import dev.paperdigest.papers.Paper;

import java.util.List;

/**
 * What the lines of a subscription form would have found among the papers of the last days,
 * line by line, with the form's message next to each line it would refuse.
 *
 * @param papers   papers that arrived in those days
 * @param matched  papers at least one valid line found
 * @param refusal  why nothing was previewed (too many previews), or null
 */
public record SubscriptionPreview(int days, int papers, int matched, List<Field> fields, String refusal) {

    /** The lines of one field; {@code error}: the field as a whole is refused (too many lines), or null. */
    public record Field(String name, String title, String error, List<Line> lines) {}

    /**
     * One line as typed, with its error or what it found.
     *
     * @param detail what the line means, when it says more than the line (a category's name), or null
     * @param count  papers it matched
     * @param top    the best of them, best first
     */
    public record Line(String text, String detail, String error, int count, List<Paper> top) {}

    static SubscriptionPreview refused(String why) {
        return new SubscriptionPreview(RecentPapers.DAYS, 0, 0, List.of(), why);
    }

    /** Nothing typed yet. */
    public boolean isEmpty() {
        return refusal == null && fields.isEmpty();
    }

    /** Any line would be refused by the form. */
    public boolean hasErrors() {
        return fields.stream()
                .anyMatch(f -> f.error() != null || f.lines().stream().anyMatch(l -> l.error() != null));
    }
}
