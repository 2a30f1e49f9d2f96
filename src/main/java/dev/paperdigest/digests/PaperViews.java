package dev.paperdigest.digests;

import dev.paperdigest.matching.SnippetHighlighter;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.papers.PaperDisplay;
import io.quarkus.qute.RawString;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How papers read in digests, rendered once per paper and set of highlighted words: in a digest
 * run thousands of digests show the same paper, most of them for the same words (everyone who
 * follows a category, say), so a digest is mostly cards rendered before. Kept for one pass over
 * the outbox, and bounded; safe to share between sending threads.
 */
final class PaperViews {

    static final int SNIPPET_CHARS = 420;
    /** About 2 kB each: a bound of some 40 MB, well above the cards of a day's papers for the common words. */
    private static final int KEPT = 20_000;

    private record Key(long paperId, List<String> terms) {}

    /** A paper's card as both parts of a digest show it. */
    record RenderedCard(RawString html, String text) {}

    private final Map<Long, SnippetHighlighter.Prepared> texts = new ConcurrentHashMap<>();
    private final Map<Key, RenderedCard> cards = new ConcurrentHashMap<>();

    /** The card of {@code paper} with {@code terms} (as the matcher reported them) highlighted. */
    RenderedCard card(Paper paper, List<String> terms) {
        if (cards.size() > KEPT) {
            cards.clear();
            texts.clear();
        }
        return cards.computeIfAbsent(new Key(paper.id, terms), key -> render(paper, terms));
    }

    private RenderedCard render(Paper paper, List<String> terms) {
        Digest.Card card = new Digest.Card(
                paper.title,
                paper.arxivUrl(),
                paper.pdfUrl(),
                paper.huggingFaceUrl(),
                PaperDisplay.metaLine(paper),
                paper.upvotes,
                texts.computeIfAbsent(paper.id, id -> SnippetHighlighter.prepare(paper.abstractText))
                        .snippet(terms, SNIPPET_CHARS));
        return new RenderedCard(new RawString(AsciiHtml.of(DigestMails.cardHtml(card))), DigestMails.cardText(card));
    }
}
