package dev.paperdigest.papers;

import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@NoDatabase
class ArxivAtomParserTest {

    private final ArxivAtomParser parser = new ArxivAtomParser();

    private Samples.Collected parse(String sample, ArxivAtomParser.Feed feed) throws IOException {
        Samples.Collected out = new Samples.Collected();
        parser.parseFeed(Samples.open(sample), out, feed);
        return out;
    }

    @Test
    void newFormatFieldsDiacriticsLatexDoi() throws IOException {
        ArxivAtomParser.Feed feed = new ArxivAtomParser.Feed();
        Samples.Collected out = parse("arxiv_api_100entries.xml", feed);
        assertEquals(100, out.records.size());
        assertEquals(List.of(), out.rejections);
        assertEquals(214881, feed.totalResults);

        PaperRecord first = out.byId("2202.12139");
        assertEquals(1, first.version());
        assertEquals(
                "Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques",
                first.title());
        assertEquals(List.of("Mohit Kumar Ahuja", "Arnaud Gotlieb", "Helge Spieker"), first.authors());
        assertEquals(List.of("cs.SE", "cs.LG"), first.categories());
        assertEquals("10.1109/ICSTW55395.2022.00035", first.doi());
        assertEquals("Artificial Intelligence in Software Testing 2022 workshop @ ICST 2022", first.comment());
        assertTrue(first.journalRef().startsWith("Artificial Intelligence in Software Testing @ 2022 IEEE"));
        assertEquals(Instant.parse("2022-02-24T15:05:19Z"), first.publishedAt());
        assertEquals(LocalDate.of(2022, 2, 25), first.listedOn(), "Thursday morning in New York: Friday's listing");
        assertEquals("https://arxiv.org/pdf/2202.12139v1", first.pdfLink());
        assertEquals("arxiv", first.source());

        PaperRecord accents = out.byId("2405.13786");
        assertEquals(List.of("Aurora Ramírez", "Mario Berrios", "José Raúl Romero", "Robert Feldt"), accents.authors());

        PaperRecord latex = out.byId("2306.03845");
        assertTrue(latex.title().startsWith("$ω$Test: WebView-Oriented Testing"), latex.title());

        PaperRecord v2 = out.byId("2005.14124");
        assertEquals(2, v2.version());
        assertEquals(List.of("cs.SE", "cs.CR", "cs.LG"), v2.categories());
        assertEquals(Instant.parse("2020-05-28T16:19:50Z"), v2.publishedAt());
        assertEquals(Instant.parse("2020-07-16T08:15:48Z"), v2.updatedAt());
        assertEquals(LocalDate.of(2020, 5, 29), v2.listedOn(), "the first version's announcement, not the update's");
    }

    @Test
    void classicFormatWrappedTextOldIdsDxDoiAndOffsets() throws IOException {
        Samples.Collected out = parse("arxiv_api_classic_2016.xml", new ArxivAtomParser.Feed());
        assertEquals(10, out.records.size());
        PaperRecord first = out.byId("1201.4869");
        assertEquals("A Luttinger Liquid Core Inside Helium-4 Filled Nanopores", first.title());
        assertTrue(
                first.abstractText()
                        .startsWith(
                                "As helium-4 is cooled below 2.17 K it undergoes a phase transition to a fundamentally new state"),
                first.abstractText());
        assertTrue(!first.abstractText().contains("\n") && !first.abstractText().contains("  "));
        assertEquals("10.1142/S021797921244002X", first.doi());
        assertEquals(List.of("cond-mat.mes-hall", "cond-mat.other"), first.categories());
        assertEquals("26 pages, 10 figures", first.comment());
        PaperRecord old = out.byId("cond-mat/0412498");
        assertEquals(1, old.version());
        assertEquals(List.of("cond-mat.str-el", "cond-mat.stat-mech"), old.categories());
        assertTrue(
                old.abstractText().contains("\"p x p\" density wave ordering on the square lattice (p >= 3, integer)"),
                "entities decoded once: " + old.abstractText());
    }

    @Test
    void affiliationsAndOldStyleId() throws IOException {
        Samples.Collected out = parse("arxiv_api_affiliation_oldid.xml", new ArxivAtomParser.Feed());
        PaperRecord paper = out.byId("astro-ph/0601001");
        assertEquals(List.of("Andrew Gould", "Susan Dorsher", "B. Scott Gaudi", "Andrzej Udalski"), paper.authors());
        assertEquals(List.of("Ohio State", "Ohio State", "CfA", "Warsaw University Observatory"), paper.affiliations());
        assertEquals("ActaAstron.56:1-50,2006", paper.journalRef());
        assertEquals(List.of("astro-ph"), paper.categories());
        assertTrue(paper.abstractText().contains("Gould & Morgan (2003)"));
        assertTrue(paper.abstractText().contains("V_max<17.5"));
        assertNull(paper.doi());
    }

    @Test
    void primaryCategoryComesFirstWhateverTheOrder() throws IOException {
        String xml = feed(entry(
                "2401.00001v3",
                "<category term=\"cs.LG\"/><category term=\"cs.CL\"/>" + "<arxiv:primary_category term=\"cs.CL\"/>"));
        Samples.Collected out = new Samples.Collected();
        parser.parse(stream(xml), out);
        assertEquals(List.of("cs.CL", "cs.LG"), out.records.get(0).categories());
        assertEquals(3, out.records.get(0).version());
    }

    @Test
    void emptyFeedAndErrorFeed() throws IOException {
        ArxivAtomParser.Feed feed = new ArxivAtomParser.Feed();
        Samples.Collected out = parse("arxiv_api_empty.xml", feed);
        assertEquals(0, out.records.size());
        assertEquals(0, feed.totalResults);
        IOException error =
                assertThrows(IOException.class, () -> parse("arxiv_api_error_http400.xml", new ArxivAtomParser.Feed()));
        assertTrue(error.getMessage().contains("incorrect id format for abc"), error.getMessage());
    }

    @Test
    void truncatedFeedKeepsTheEntriesBeforeTheBreak() {
        String full = Samples.text("arxiv_api.xml");
        String cut = full.substring(0, full.indexOf("<entry>", full.indexOf("2405.13786")) + 200);
        Samples.Collected out = new Samples.Collected();
        ArxivAtomParser.Feed feed = new ArxivAtomParser.Feed();
        IOException broken = assertThrows(IOException.class, () -> parser.parseFeed(stream(cut), out, feed));
        assertTrue(broken.getMessage().startsWith("not well-formed XML"), broken.getMessage());
        assertEquals(2, out.records.size());
        assertEquals(3, feed.entries);
    }

    @Test
    void badEntryIsRejectedOthersKept() throws IOException {
        String xml = feed(entry("not-an-id", "")
                + entry("2401.00002v1", "")
                + entry("2401.00003v1", "").replace("2024-01-02T00:00:00Z", "yesterday"));
        Samples.Collected out = new Samples.Collected();
        parser.parse(stream(xml), out);
        assertEquals(1, out.records.size());
        assertEquals(2, out.rejections.size());
        assertTrue(out.rejections.get(0).startsWith("0: not an arXiv id"), out.rejections.toString());
        assertTrue(out.rejections.get(1).startsWith("2: unreadable published date"), out.rejections.toString());
    }

    @Test
    void noExternalEntities() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE feed [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>http://arxiv.org/abs/2401.00001v1</id>"
                + "<title>&x;</title><summary>s</summary></entry></feed>";
        Samples.Collected out = new Samples.Collected();
        try {
            parser.parse(stream(xml), out);
        } catch (IOException expected) {
            // refusing the document is fine too
        }
        out.records.forEach(r -> assertTrue(r.title() == null || !r.title().contains("root:"), r.title()));
    }

    static String feed(String entries) {
        return "<?xml version='1.0' encoding='UTF-8'?><feed xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\" "
                + "xmlns:arxiv=\"http://arxiv.org/schemas/atom\" xmlns=\"http://www.w3.org/2005/Atom\">"
                + "<opensearch:totalResults>3</opensearch:totalResults>" + entries + "</feed>";
    }

    static String entry(String id, String extra) {
        return "<entry><id>http://arxiv.org/abs/" + id + "</id><title>T " + id + "</title><summary>S</summary>"
                + "<published>2024-01-02T00:00:00Z</published><updated>2024-01-02T00:00:00Z</updated>"
                + "<author><name>A</name></author>" + extra + "</entry>";
    }

    static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
