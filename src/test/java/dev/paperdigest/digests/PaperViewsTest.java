package dev.paperdigest.digests;

import dev.paperdigest.matching.SnippetHighlighter;
import dev.paperdigest.papers.Paper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A card with its snippet and its reader's values written into the holes reads exactly as the templates render it whole. */
@QuarkusTest
class PaperViewsTest {

    static Paper paper(long id, String arxivId, String title, String abstractText, Integer upvotes) {
        Paper paper = new Paper();
        paper.id = id;
        paper.arxivId = arxivId;
        paper.title = title;
        paper.abstractText = abstractText;
        paper.authors = List.of("Zoë Ångström", "O'Brien <script>");
        paper.categories = List.of("cs.CL");
        paper.publishedAt = Instant.parse("2026-12-01T12:00:00Z");
        paper.upvotes = upvotes;
        return paper;
    }

    private static final PaperViews.Reader READER = new PaperViews.Reader(
            List.of("keyword “speculative & <fast>”", "author O'Brien"),
            "https://digest.example.org/feedback?token=a.b.c&paper=2612.00001&vote=more",
            "https://digest.example.org/feedback?token=a.b.c&paper=2612.00001&vote=fewer&note=ü");

    private static void assertSameAsWhole(PaperViews views, Paper paper, List<String> terms) {
        Digest.Card whole = PaperViews.cardWith(
                paper, SnippetHighlighter.snippet(paper.abstractText, terms, PaperViews.SNIPPET_CHARS));
        PaperViews.RenderedCard card = views.card(paper, terms);
        assertEquals(
                AsciiHtml.of(DigestMails.cardHtml(whole, READER)),
                card.html(READER).getValue(),
                "HTML, words " + terms);
        assertEquals(DigestMails.cardText(whole, READER), card.text(READER), "text, words " + terms);
    }

    @Test
    void aCardReadsAsTheTemplatesRenderIt() {
        PaperViews views = new PaperViews();
        List<Paper> papers = List.of(
                paper(
                        1,
                        "2612.00001",
                        "Speculative decoding for <b>fast</b> & \"cheap\" LLMs",
                        "We study speculative decoding. Draft models propose tokens & a target model checks them; "
                                + "the speed-up is 2x < 3x. Decoding is <i>fast</i>.",
                        42),
                paper(
                        2,
                        "2612.00002",
                        "Über naïve Bayes — a café of 𝔽-algebras",
                        "Naïve Bayes über alles: 𝔽-algebras, décodage and emoji 🙂 in one abstract. "
                                + "x".repeat(600),
                        null),
                paper(3, null, "A demo paper without an arXiv id", "Nothing to link to, 'quoted' text.", 0));
        for (Paper paper : papers) {
            assertSameAsWhole(views, paper, List.of());
            assertSameAsWhole(views, paper, List.of("decoding"));
            assertSameAsWhole(views, paper, List.of("naïve", "bayes"));
            assertSameAsWhole(views, paper, List.of("text"));
        }
        PaperViews.RenderedCard card = views.card(papers.get(0), List.of("decoding"));
        String html = card.html(READER).getValue();
        assertTrue(html.contains("<mark>decoding</mark>"), html);
        assertTrue(
                html.contains("Why: keyword &#8220;speculative &amp; &lt;fast&gt;&#8221;; author O&#39;Brien"), html);
        String text = card.text(READER);
        assertTrue(text.contains("*decoding*"), text);
        assertTrue(text.contains("Why: keyword “speculative & <fast>”; author O'Brien"), text);
    }
}
