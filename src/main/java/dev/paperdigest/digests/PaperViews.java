package dev.paperdigest.digests;

import dev.paperdigest.digests.smtp.WireText;
import dev.paperdigest.digests.smtp.WireText.Piece;
import dev.paperdigest.matching.SnippetHighlighter;
import dev.paperdigest.matching.SnippetHighlighter.Fragment;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.papers.PaperDisplay;
import io.quarkus.qute.RawString;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How papers read in digests, rendered once per paper and set of highlighted words: in a digest
 * run thousands of digests show the same paper, most of them for the same words (everyone who
 * follows a category, say), so a digest is mostly cards made before. A card's templates are
 * rendered once per paper, around holes for the snippet and for what differs from reader to
 * reader (why it was picked, the links to vote on it), and kept encoded for the wire; a card for
 * some words adds only its snippet, so that a digest copies pieces and writes the reader's few
 * values between them. Kept for one pass over the outbox, and bounded; safe to share
 * between sending threads.
 */
final class PaperViews {

    static final int SNIPPET_CHARS = 420;
    /** A card for some words keeps only its snippet, about 1 kB in both parts: a bound of some 50 MB. */
    private static final int KEPT = 50_000;

    private static final int SNIPPET = 0;
    private static final int REASONS = 1;
    private static final int MORE = 2;
    private static final int FEWER = 3;

    /** Who a card is shown to: why it was picked for them, and their links to ask for more or fewer like it. */
    record Reader(List<String> reasons, String moreUrl, String fewerUrl) {

        /** No reasons and no links: what a placeholder card is shown with. */
        static final Reader NONE = new Reader(List.of(), "", "");

        /** The reasons as the HTML part shows them, one after another: escaped, ASCII. */
        public RawString reasonsHtml() {
            return AsciiHtml.escaped(String.join("; ", reasons));
        }
    }

    private record Key(long paperId, List<String> terms) {}

    /** A paper's card without its snippet, in both parts: the templates rendered once around its holes. */
    private record Shell(Layout html, Layout text) {}

    /** A paper's card with its snippet for some words, in both parts, encoded for the wire; the reader's values go in as it is written. */
    static final class RenderedCard {
        private final Shell shell;
        private final Piece snippetHtml;
        private final Piece snippetText;

        private RenderedCard(Shell shell, Piece snippetHtml, Piece snippetText) {
            this.shell = shell;
            this.snippetHtml = snippetHtml;
            this.snippetText = snippetText;
        }

        void writeHtml(WireText out, Reader reader) {
            shell.html().write(out, hole -> {
                switch (hole) {
                    case SNIPPET -> out.append(snippetHtml);
                    case REASONS -> out.append(reader.reasonsHtml().getValue());
                    case MORE -> out.append(AsciiHtml.escaped(reader.moreUrl()).getValue());
                    case FEWER ->
                        out.append(AsciiHtml.escaped(reader.fewerUrl()).getValue());
                    default -> throw new IllegalStateException("no hole " + hole + " in a card");
                }
            });
        }

        void writeText(WireText out, Reader reader) {
            shell.text().write(out, hole -> {
                switch (hole) {
                    case SNIPPET -> out.append(snippetText);
                    case REASONS -> out.append(String.join("; ", reader.reasons()));
                    case MORE -> out.append(reader.moreUrl());
                    case FEWER -> out.append(reader.fewerUrl());
                    default -> throw new IllegalStateException("no hole " + hole + " in a card");
                }
            });
        }

        /** The card's HTML for a reader, as the template shows it: escaped, ASCII. */
        RawString html(Reader reader) {
            WireText out = new WireText(4096);
            writeHtml(out, reader);
            return new RawString(out.text());
        }

        /** The card for the plain-text part, starting with the title. */
        String text(Reader reader) {
            WireText out = new WireText(4096);
            writeText(out, reader);
            return out.text();
        }
    }

    /** A card that reads {@code text} alone in both parts, whoever reads it. */
    static RenderedCard placeholder(String text) {
        Layout alone = Layout.constant(text);
        return new RenderedCard(new Shell(alone, alone), null, null);
    }

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
        StringBuilder html = new StringBuilder(SNIPPET_CHARS + 64);
        for (Fragment fragment : snippet) {
            if (fragment.marked()) {
                html.append("<mark>")
                        .append(AsciiHtml.escaped(fragment.text()).getValue())
                        .append("</mark>");
            } else {
                html.append(AsciiHtml.escaped(fragment.text()).getValue());
            }
        }
        return new RenderedCard(
                shells.computeIfAbsent(paper.id, id -> shell(paper)),
                Piece.of(html.toString()),
                Piece.of(Digest.Card.plain(snippet)));
    }

    private static Shell shell(Paper paper) {
        Digest.Card card = cardWith(paper, List.of(new Fragment(Layout.hole(SNIPPET), false)));
        Reader holes = new Reader(List.of(Layout.hole(REASONS)), Layout.hole(MORE), Layout.hole(FEWER));
        return new Shell(
                Layout.of(AsciiHtml.of(DigestMails.cardHtml(card, holes))),
                Layout.of(DigestMails.cardText(card, holes)));
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
