package dev.paperdigest.papers;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * A paper as one source reported it, already cleaned (see {@link PaperText}). Fields a source
 * does not know are null (or empty lists), and never overwrite what another source said.
 *
 * @param affiliations aligned with {@code authors} (one entry per author, several affiliations
 *                     joined by {@code " | "}, empty when unknown), or empty when the source has none
 * @param pdfLink      the PDF link the source gave, if any
 * @param listedOn     the day the paper belongs to as this source sees it (see {@link Paper#listedOn}),
 *                     or null when the source cannot tell
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
        List<String> aiKeywords,
        List<String> affiliations,
        String pdfLink) {

    public PaperRecord {
        authors = authors == null ? List.of() : List.copyOf(authors);
        categories = categories == null ? List.of() : List.copyOf(categories);
        aiKeywords = aiKeywords == null ? List.of() : List.copyOf(aiKeywords);
        affiliations = affiliations == null || affiliations.stream().allMatch(String::isEmpty)
                ? List.of()
                : List.copyOf(affiliations);
    }

    /** Without affiliations and PDF link (sources that have neither). */
    public PaperRecord(
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
        this(
                arxivId,
                version,
                title,
                abstractText,
                authors,
                categories,
                publishedAt,
                updatedAt,
                upvotes,
                numComments,
                source,
                listedOn,
                comment,
                journalRef,
                doi,
                githubRepo,
                projectPage,
                thumbnailUrl,
                aiKeywords,
                List.of(),
                null);
    }

    /** The same record with the categories another source knows (Hugging Face items carry none). */
    public PaperRecord withCategories(List<String> knownCategories) {
        return new PaperRecord(
                arxivId,
                version,
                title,
                abstractText,
                authors,
                knownCategories,
                publishedAt,
                updatedAt,
                upvotes,
                numComments,
                source,
                listedOn,
                comment,
                journalRef,
                doi,
                githubRepo,
                projectPage,
                thumbnailUrl,
                aiKeywords,
                affiliations,
                pdfLink);
    }

    /** The same record listed on another day (a Hugging Face run lists items on the day it asked for). */
    public PaperRecord withListedOn(LocalDate day) {
        return new PaperRecord(
                arxivId,
                version,
                title,
                abstractText,
                authors,
                categories,
                publishedAt,
                updatedAt,
                upvotes,
                numComments,
                source,
                day,
                comment,
                journalRef,
                doi,
                githubRepo,
                projectPage,
                thumbnailUrl,
                aiKeywords,
                affiliations,
                pdfLink);
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
        if (!affiliations.isEmpty() && affiliations.size() != authors.size()) {
            return "affiliations do not line up with authors";
        }
        if (arxivId.length() > MAX_ID) {
            return "arXiv id longer than " + MAX_ID + " characters";
        }
        if (doi != null && doi.length() > MAX_DOI) {
            return "DOI longer than " + MAX_DOI + " characters";
        }
        for (String link : Arrays.asList(githubRepo, projectPage, thumbnailUrl, pdfLink)) {
            if (link != null && link.length() > MAX_LINK) {
                return "link longer than " + MAX_LINK + " characters";
            }
            if (link != null
                    && !link.isEmpty()
                    && !link.regionMatches(true, 0, "https://", 0, 8)
                    && !link.regionMatches(true, 0, "http://", 0, 7)) {
                return "link is not an http(s) address: " + abbreviated(link);
            }
        }
        if (hasNul()) {
            return "contains a NUL character";
        }
        return null;
    }

    static final int MAX_ID = 64;
    static final int MAX_DOI = 255;
    static final int MAX_LINK = 1000;

    /** PostgreSQL stores no NUL in text: one would fail the whole batch. */
    private boolean hasNul() {
        Stream<String> texts = Stream.of(
                arxivId,
                title,
                abstractText,
                source,
                comment,
                journalRef,
                doi,
                githubRepo,
                projectPage,
                thumbnailUrl,
                pdfLink);
        return Stream.of(texts, authors.stream(), categories.stream(), aiKeywords.stream(), affiliations.stream())
                .flatMap(s -> s)
                .anyMatch(text -> text != null && text.indexOf('\u0000') >= 0);
    }

    private static String abbreviated(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
