package dev.paperdigest.papers;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A paper as one source reported it, already cleaned (see {@link PaperText}). Fields a source
 * does not know are null (or empty lists), and never overwrite what another source said.
 */
public record PaperRecord(
        String arxivId,
        Integer version,
        String title,
        String abstractText,
        List<String> authors,
        List<String> categories,
        Instant publishedAt,
        Instant updatedAt,
        Integer upvotes,
        Integer numComments,
        String source,
        LocalDate listedOn,
        String comment,
        String journalRef,
        String doi,
        String githubRepo,
        String projectPage,
        String thumbnailUrl,
        List<String> aiKeywords) {

    public PaperRecord {
        authors = authors == null ? List.of() : List.copyOf(authors);
        categories = categories == null ? List.of() : List.copyOf(categories);
        aiKeywords = aiKeywords == null ? List.of() : List.copyOf(aiKeywords);
    }

    /** Why this record cannot become a paper, or null when it can. */
    public String problem() {
        if (arxivId == null || arxivId.isBlank()) {
            return "no arXiv id";
        }
        if (title == null || title.isBlank()) {
            return "no title";
        }
        if (abstractText == null || abstractText.isBlank()) {
            return "no abstract";
        }
        return null;
    }
}
