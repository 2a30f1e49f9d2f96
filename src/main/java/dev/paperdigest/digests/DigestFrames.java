package dev.paperdigest.digests;

import dev.paperdigest.digests.smtp.WireText;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * What the digest templates render around the papers' cards (the head with its styles, the
 * count, the footer with the reader's links), rendered once per period and number of papers
 * around holes for the reader's address and links, and kept encoded for the wire: a digest is
 * this frame with the reader's values and the cards ({@link PaperViews}) copied in. Kept for one
 * pass over the outbox, and bounded; safe to share between sending threads.
 */
final class DigestFrames {

    private static final int EMAIL = 0;
    private static final int MANAGE = 1;
    private static final int FEED = 2;
    private static final int UNSUBSCRIBE = 3;
    private static final int CARD = 4;
    /** Frames differ by period and by how many papers are shown and left out: a few hundred a run. */
    private static final int KEPT = 5_000;

    private static final Digest.Item PLACEHOLDER =
            new Digest.Item(PaperViews.placeholder(Layout.hole(CARD)), PaperViews.Reader.NONE);

    private record Key(DigestPeriod period, int shown, int moreCount) {}

    private record Frame(Layout html, Layout text) {}

    private final Map<Key, Frame> frames = new ConcurrentHashMap<>();

    /** The HTML part of {@code digest}: escaped, ASCII, as its template renders it. */
    WireText html(Digest digest) {
        return part(digest, true);
    }

    /** The plain-text part of {@code digest}, as its template renders it. */
    WireText text(Digest digest) {
        return part(digest, false);
    }

    private WireText part(Digest digest, boolean html) {
        List<Digest.Item> papers = digest.papers();
        WireText part = new WireText((html ? 16_384 : 4_096) + papers.size() * 3_072);
        UnaryOperator<String> shown = html ? text -> AsciiHtml.escaped(text).getValue() : UnaryOperator.identity();
        Frame frame = frame(digest);
        int[] next = {0};
        (html ? frame.html() : frame.text()).write(part, hole -> {
            switch (hole) {
                case EMAIL -> part.append(shown.apply(digest.email()));
                case MANAGE -> part.append(shown.apply(digest.manageUrl()));
                case FEED -> part.append(shown.apply(digest.feedUrl()));
                case UNSUBSCRIBE -> part.append(shown.apply(digest.unsubscribeUrl()));
                case CARD -> {
                    Digest.Item paper = papers.get(next[0]++);
                    if (html) {
                        paper.card().writeHtml(part, paper.reader());
                    } else {
                        paper.card().writeText(part, paper.reader());
                    }
                }
                default -> throw new IllegalStateException("no hole " + hole + " in a digest");
            }
        });
        return part;
    }

    private Frame frame(Digest digest) {
        if (frames.size() > KEPT) {
            frames.clear();
        }
        return frames.computeIfAbsent(
                new Key(digest.period(), digest.papers().size(), digest.moreCount()), DigestFrames::render);
    }

    private static Frame render(Key key) {
        Digest holes = new Digest(
                Layout.hole(EMAIL),
                key.period(),
                Collections.nCopies(key.shown(), PLACEHOLDER),
                key.moreCount(),
                Layout.hole(MANAGE),
                Layout.hole(UNSUBSCRIBE),
                Layout.hole(FEED));
        Frame frame = new Frame(Layout.of(DigestMails.html(holes)), Layout.of(DigestMails.text(holes)));
        if (frame.html().count(CARD) != key.shown() || frame.text().count(CARD) != key.shown()) {
            throw new IllegalStateException("a digest template must show each paper once");
        }
        return frame;
    }
}
