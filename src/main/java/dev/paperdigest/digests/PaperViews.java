package dev.paperdigest.digests;

import dev.paperdigest.matching.SnippetHighlighter;
import dev.paperdigest.matching.SnippetHighlighter.Fragment;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.papers.PaperDisplay;
import io.quarkus.qute.RawString;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How papers read in digests, rendered once per paper and set of highlighted words: in a digest
 * run thousands of digests show the same paper, most of them for the same words (everyone who
 * follows a category, say), so a digest is mostly cards rendered before. Only the snippet depends
 * on the words, so each paper's card is rendered by its templates once, around a hole, and a
 * snippet for other words is written into the hole: the keyword subscribers of a large run bring
 * far more sets of words than can be kept. Kept for one pass over the outbox, and bounded; safe
 * to share between sending threads.
 */
final class PaperViews {

    static final int SNIPPET_CHARS = 420;
    /** About 2 kB each: a bound of some 40 MB, well above the cards of a day's papers for the common words. */
    private static final int KEPT = 20_000;
    /** Where a card's snippet goes; no paper's text can contain it. */
    private static final String HOLE = "snippet-" + UUID.randomUUID();

    private record Key(long paperId, List<String> terms) {}

    /** A paper's card as both parts of a digest show it. */
    record RenderedCard(RawString html, String text) {}

    /** A card without its snippet: what comes before and after it, in each part. */
    private record Shell(String htmlBefore, String htmlAfter, String textBefore, String textAfter) {}

    private final Map<Long, SnippetHighlighter.Prepared> texts = new ConcurrentHashMap<>();
    private final Map<Long, Shell> shells = new ConcurrentHashMap<>();
    private final Map<Key, RenderedCard> cards = new ConcurrentHashMap<>();

    /** The card of {@code paper} with {@code terms} (as the matcher reported them) highlighted. */
    RenderedCard card(Paper paper, List<String> terms) {
        if (cards.size() > KEPT) {
            // the shells and prepared texts, one per paper of the run, stay: they are what
            // renders the next cards
            cards.clear();
        }
        if (shells.size() > KEPT) {
            shells.clear();
            texts.clear();
        }
        return cards.computeIfAbsent(new Key(paper.id, terms), key -> render(paper, terms));
    }

    private RenderedCard render(Paper paper, List<String> terms) {
        List<Fragment> snippet = texts.computeIfAbsent(paper.id, id -> SnippetHighlighter.prepare(paper.abstractText))
                .snippet(terms, SNIPPET_CHARS);
        Shell shell = shells.computeIfAbsent(paper.id, id -> shell(paper));
        StringBuilder html = new StringBuilder(shell.htmlBefore().length()
                + SNIPPET_CHARS
                + 64
                + shell.htmlAfter().length());
        html.append(shell.htmlBefore());
        for (Fragment fragment : snippet) {
            if (fragment.marked()) {
                html.append("<mark>")
                        .append(AsciiHtml.escaped(fragment.text()).getValue())
                        .append("</mark>");
            } else {
                html.append(AsciiHtml.escaped(fragment.text()).getValue());
            }
        }
        html.append(shell.htmlAfter());
        String text = shell.textBefore() + Digest.Card.plain(snippet) + shell.textAfter();
        return new RenderedCard(new RawString(html.toString()), text);
    }

    private static Shell shell(Paper paper) {
        Digest.Card card = cardWith(paper, List.of(new Fragment(HOLE, false)));
        String html = AsciiHtml.of(DigestMails.cardHtml(card));
        String text = DigestMails.cardText(card);
        int inHtml = html.indexOf(HOLE);
        int inText = text.indexOf(HOLE);
        return new Shell(
                html.substring(0, inHtml),
                html.substring(inHtml + HOLE.length()),
                text.substring(0, inText),
                text.substring(inText + HOLE.length()));
    }

    static Digest.Card cardWith(Paper paper, List<Fragment> snippet) {
        return new Digest.Card(
                paper.title,
                paper.arxivUrl(),
                paper.pdfUrl(),
                paper.huggingFaceUrl(),
                PaperDisplay.metaLine(paper),
                paper.upvotes,
                snippet);
    }
}
