package dev.paperdigest.matching;

import java.util.List;

/** The part of a paper that matching reads; free of persistence so matchers stay swappable. */
public record MatchablePaper(long id, String title, String abstractText, List<String> authors,
                             List<String> categories) {
}
