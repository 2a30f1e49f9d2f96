package dev.paperdigest.papers;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@NoDatabase
class HfDailyPapersParserTest {

    private final HfDailyPapersParser parser = new HfDailyPapersParser(new ObjectMapper());

    private Samples.Collected parse(String sample) throws IOException {
        Samples.Collected out = new Samples.Collected();
        parser.parse(Samples.open(sample), out);
        return out;
    }

    @Test
    void schema2026AllFieldsAndHiddenAuthorsKeptInPlace() throws IOException {
        Samples.Collected out = parse("hf_daily_papers.json");
        assertEquals(30, out.records.size());
        assertEquals(List.of(), out.rejections);
        PaperRecord paper = out.byId("2606.12575");
        assertEquals(
                "High-Fidelity Two-Step Image Generation via Teacher-Aligned End-to-End Distillation", paper.title());
        assertEquals(
                List.of(
                        "Dongyang Liu",
                        "Ruoyi Du",
                        "David Liu",
                        "Dengyang Jiang",
                        "Liangchen Li",
                        "Qilong Wu",
                        "Zhen Li",
                        "Steven C. H. Hoi",
                        "Hongsheng Li",
                        "Peng Gao"),
                paper.authors());
        assertEquals(3, paper.numComments());
        assertEquals(
                "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2606.12575.png", paper.thumbnailUrl());
        assertEquals(LocalDate.of(2026, 6, 12), paper.listedOn(), "the Daily Papers day it was submitted to");
        assertEquals(List.of(), paper.categories());
        assertEquals("hf", paper.source());

        PaperRecord first = out.byId("2606.00467");
        assertEquals(Instant.parse("2026-05-30T00:00:00Z"), first.publishedAt());
        assertEquals(0, first.upvotes());
        assertEquals(14, first.aiKeywords().size());
        assertEquals("zero-shot annotation", first.aiKeywords().get(0));
        assertTrue(out.records.stream()
                .anyMatch(r -> r.githubRepo() != null && r.githubRepo().startsWith("https://github.com/")));
        assertTrue(out.records.stream().anyMatch(r -> r.projectPage() != null));
    }

    @Test
    void schema2024WrappedTitles() throws IOException {
        Samples.Collected out = parse("hf_daily_papers_2024-10-25_excerpt.json");
        assertEquals(2, out.records.size());
        PaperRecord paper = out.byId("2410.17243");
        assertEquals(
                "Breaking the Memory Barrier: Near Infinite Batch Size Scaling for Contrastive Loss", paper.title());
        assertTrue(paper.abstractText()
                .startsWith("Contrastive loss is a powerful approach for representation learning, where larger batch"));
        assertEquals(64, paper.upvotes());
        assertEquals(Instant.parse("2024-10-22T17:59:30Z"), paper.publishedAt());
        assertEquals(LocalDate.of(2024, 10, 25), paper.listedOn());
        assertEquals(List.of(), paper.aiKeywords());
    }

    @Test
    void weekendEmptyArray() throws IOException {
        Samples.Collected out = new Samples.Collected();
        parser.parse(new ByteArrayInputStream("[]".getBytes(StandardCharsets.UTF_8)), out);
        assertEquals(0, out.records.size());
    }

    @Test
    void entitiesDecodedOnceAndBadItemsRejected() throws IOException {
        String json = "[{\"paper\":{\"id\":\"2401.00001\",\"title\":\"Q&amp;A  over\\n  tables &amp;amp; more\","
                + "\"summary\":\"$\\\\alpha$ &lt; 1\",\"authors\":[{\"name\":\"Zoë Ñúñez\"}]}},"
                + "{\"paper\":{\"id\":\"nonsense\",\"title\":\"x\"}},{\"nopaper\":1}]";
        Samples.Collected out = new Samples.Collected();
        parser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out);
        assertEquals(1, out.records.size());
        assertEquals("Q&A over tables &amp; more", out.records.get(0).title());
        assertEquals("$\\alpha$ < 1", out.records.get(0).abstractText());
        assertEquals(List.of("Zoë Ñúñez"), out.records.get(0).authors());
        assertEquals(List.of("1: not an arXiv id: nonsense", "2: no \"paper\" object"), out.rejections);
    }

    @Test
    void notJsonOrCutShort() {
        assertThrows(
                IOException.class,
                () -> parser.parse(
                        new ByteArrayInputStream("<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8)),
                        new Samples.Collected()));
        String full = Samples.text("hf_daily_papers.json");
        Samples.Collected out = new Samples.Collected();
        assertThrows(
                IOException.class,
                () -> parser.parse(
                        new ByteArrayInputStream(
                                full.substring(0, full.length() / 2).getBytes(StandardCharsets.UTF_8)),
                        out));
        assertTrue(out.records.size() > 5, "entries before the cut are kept: " + out.records.size());
    }
}
