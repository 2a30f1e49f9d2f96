package dev.paperdigest.subscriptions;

import dev.paperdigest.matching.SnippetHighlighter.Fragment;
import dev.paperdigest.papers.Paper;

import java.time.LocalDate;
import java.util.List;

/**
 * What the front page shows: one day's papers, in sections, with the links to the days around it,
 * the search and the pages of a long day. Links are ready to put in an attribute (the template
 * escapes them); a null link is not shown.
 *
 * @param day         the day shown, null when there are no papers at all
 * @param dayTotal    how many papers that day has
 * @param total       how many papers the list has: the day's, or those the search found
 * @param query       the search as typed, null when none
 * @param searched    the search was run (it was valid)
 */
record HomeView(
        LocalDate day,
        LocalDate oldestDay,
        LocalDate newestDay,
        LocalDate previousDay,
        String previousDayUrl,
        LocalDate nextDay,
        String nextDayUrl,
        String dayError,
        boolean newestFirst,
        String query,
        String queryError,
        boolean searched,
        String subscribeUrl,
        long dayTotal,
        int total,
        int from,
        int to,
        String previousPageUrl,
        String nextPageUrl,
        List<Section> sections) {

    /** A titled list of papers. */
    record Section(String id, String title, List<Card> papers) {}

    /** One paper and its abstract as shown: cut down around the words a search found, those marked. */
    record Card(Paper paper, List<Fragment> snippet) {}

    /** The page while no paper is stored yet: only what was asked, and what was wrong with it. */
    static HomeView noPapers(String dayError, boolean newestFirst, String query, String queryError) {
        return new HomeView(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                dayError,
                newestFirst,
                query,
                queryError,
                false,
                null,
                0,
                0,
                0,
                0,
                null,
                null,
                List.of());
    }

    boolean hasErrors() {
        return dayError != null || queryError != null;
    }
}
