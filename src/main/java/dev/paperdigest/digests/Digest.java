package dev.paperdigest.digests;

import dev.paperdigest.matching.SnippetHighlighter.Fragment;
import io.quarkus.qute.RawString;

import java.util.List;

/** Everything a digest email (or its preview) shows, already ranked and cut to size. */
public record Digest(
        String email,
        DigestPeriod period,
        List<Item> papers,
        int moreCount,
        String manageUrl,
        String unsubscribeUrl,
        String feedUrl) {

    public int totalCount() {
        return papers.size() + moreCount;
    }

    /** The subject as the HTML part's title shows it: escaped, ASCII. */
    public RawString subjectHtml() {
        return AsciiHtml.escaped(subject());
    }

    public String subject() {
        int n = totalCount();
        return (n == 1 ? "1 new paper" : n + " new papers") + " for you · Paper Digest, " + period.label();
    }

    /**
     * One paper as one reader sees it: its card, made once for everyone who matched it by the
     * same words ({@link PaperViews}), and the reader's own part of it: why it matched them, and
     * their links to say "more like this" or "fewer like this".
     */
    public record Item(PaperViews.RenderedCard card, PaperViews.Reader reader) {

        /** The whole card as the HTML part shows it: escaped, ASCII. */
        public RawString html() {
            return card.html(reader);
        }

        /** The card for the plain-text part, starting with the title. */
        public String text() {
            return card.text(reader);
        }
    }

    /**
     * What a digest shows of a paper whatever the reader, but the highlighted words: title,
     * links, meta line ({@link dev.paperdigest.papers.PaperDisplay#metaLine}), upvotes, snippet.
     * Untrusted text stays text: templates escape it.
     */
    public record Card(
            String title,
            String url,
            String pdfUrl,
            String huggingFaceUrl,
            String meta,
            Integer upvotes,
            List<Fragment> snippet) {

        /** The snippet for the plain-text part: matched terms between asterisks. */
        public String plainSnippet() {
            return plain(snippet);
        }

        static String plain(List<Fragment> snippet) {
            StringBuilder text = new StringBuilder();
            for (Fragment f : snippet) {
                text.append(f.marked() ? "*" + f.text() + "*" : f.text());
            }
            return text.toString();
        }
    }
}
