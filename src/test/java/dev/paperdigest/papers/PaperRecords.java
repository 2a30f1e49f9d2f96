package dev.paperdigest.papers;

import java.util.List;

/** Paper records made up for tests: an arXiv paper with what the test names, nothing else. */
final class PaperRecords {

    private PaperRecords() {}

    static PaperRecord arxiv(
            String id, int version, String title, String abstractText, List<String> authors, List<String> categories) {
        return new PaperRecord(
                id,
                version,
                title,
                abstractText,
                authors,
                categories,
                null,
                null,
                null,
                null,
                "arxiv",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of());
    }
}
