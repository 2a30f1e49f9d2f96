package dev.paperdigest.papers;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Optional;

/**
 * Which parser reads a document, told by its media type (uploads) or its file name (the import
 * folder): Hugging Face {@code daily_papers} JSON, arXiv Atom, or JSON Lines.
 */
@ApplicationScoped
public class PaperFormats {

    public static final String ACCEPTED = "application/json (Hugging Face daily_papers), "
            + "application/atom+xml or application/xml (arXiv Atom), application/x-ndjson or application/jsonl (JSON Lines)";

    private final HfDailyPapersParser hf;
    private final ArxivAtomParser arxiv;
    private final JsonLinesParser jsonLines;

    public PaperFormats(HfDailyPapersParser hf, ArxivAtomParser arxiv, JsonLinesParser jsonLines) {
        this.hf = hf;
        this.arxiv = arxiv;
        this.jsonLines = jsonLines;
    }

    /** By media type, parameters (charset) ignored. */
    public Optional<PaperFeedParser> forMediaType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "application/json" -> Optional.of(hf);
            case "application/atom+xml", "application/xml", "text/xml" -> Optional.of(arxiv);
            case "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines" ->
                Optional.of(jsonLines);
            default -> Optional.empty();
        };
    }

    /** By file name extension: .json, .xml/.atom, .jsonl/.ndjson. */
    public Optional<PaperFeedParser> forFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            return Optional.of(jsonLines);
        }
        if (lower.endsWith(".json")) {
            return Optional.of(hf);
        }
        if (lower.endsWith(".xml") || lower.endsWith(".atom")) {
            return Optional.of(arxiv);
        }
        return Optional.empty();
    }
}
