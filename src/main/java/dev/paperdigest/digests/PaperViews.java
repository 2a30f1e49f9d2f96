package dev.paperdigest.digests;

import dev.paperdigest.matching.SnippetHighlighter;
import dev.paperdigest.matching.SnippetHighlighter.Fragment;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.papers.PaperDisplay;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How papers read in digests, worked out once per paper (its card) and per paper and set of
 * words (its snippet): in a digest run thousands of digests show the same paper, most of them
 * for the same words (everyone who follows a category, say). Kept for one pass over the outbox,
 * and bounded; safe to share between sending threads.
 */
final class PaperViews {

    static final int SNIPPET_CHARS = 420;
    private static final int KEPT = 100_000;

    private record Key(long paperId, List<String> terms) {}

    /** What a digest shows of a paper whatever the reader: title, links, meta line, upvotes. */
    record Card(String title, String url, String pdfUrl, String huggingFaceUrl, String meta, Integer upvotes) {}

    private final Map<Long, Card> cards = new ConcurrentHashMap<>();
    private final Map<Long, SnippetHighlighter.Prepared> texts = new ConcurrentHashMap<>();
    private final Map<Key, List<Fragment>> snippets = new ConcurrentHashMap<>();

    Card card(Paper paper) {
        return cards.computeIfAbsent(
                paper.id,
                id -> new Card(
                        paper.title,
                        paper.arxivUrl(),
                        paper.pdfUrl(),
                        paper.huggingFaceUrl(),
                        PaperDisplay.metaLine(paper),
                        paper.upvotes));
    }

    List<Fragment> snippet(Paper paper, List<String> terms) {
        if (snippets.size() > KEPT) {
            snippets.clear();
            texts.clear();
        }
        return snippets.computeIfAbsent(
                new Key(paper.id, terms),
                key -> texts.computeIfAbsent(paper.id, id -> SnippetHighlighter.prepare(paper.abstractText))
                        .snippet(terms, SNIPPET_CHARS));
    }
}
