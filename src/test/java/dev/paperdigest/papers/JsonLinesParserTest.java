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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@NoDatabase
class JsonLinesParserTest {

    private final JsonLinesParser parser = new JsonLinesParser(new ObjectMapper());

    @Test
    void linesStandAlone() throws IOException {
        String lines = """
                {"arxiv_id":"hep-th/9901001v2","title":"Strings  and\\n  branes","abstract":"On $\\\\mathcal{N}=4$ &amp; more","authors":["Édouard Brézin","Bo Li"],"categories":"hep-th gr-qc","published":"1999-01-04T12:00:00Z","doi":"10.1000/x"}

                this is not json
                {"arxiv_id":"2401.01234","title":"T","abstract":"A","authors":"Ana Núñez, Bo Li and Chen Wu","categories":["cs.CL","cs.LG"],"published":"2024-01-03","upvotes":7}
                {"arxiv_id":"2401.01235","abstract":"An abstract without a title.","listed_on":"2024-01-09"}
                [1,2]
                """;
        Samples.Collected out = new Samples.Collected();
        parser.parse(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)), out);
        assertEquals(3, out.records.size());
        PaperRecord old = out.records.get(0);
        assertEquals("hep-th/9901001", old.arxivId());
        assertEquals(2, old.version());
        assertEquals("Strings and branes", old.title());
        assertEquals("On $\\mathcal{N}=4$ & more", old.abstractText());
        assertEquals(List.of("Édouard Brézin", "Bo Li"), old.authors());
        assertEquals(List.of("hep-th", "gr-qc"), old.categories());
        assertEquals(Instant.parse("1999-01-04T12:00:00Z"), old.publishedAt());
        assertEquals("import", old.source());
        assertEquals(LocalDate.of(1999, 1, 5), old.listedOn(), "no listed_on: the arXiv announcement day");
        PaperRecord split = out.records.get(1);
        assertEquals(List.of("Ana Núñez", "Bo Li", "Chen Wu"), split.authors());
        assertEquals(7, split.upvotes());
        assertEquals(Instant.parse("2024-01-03T00:00:00Z"), split.publishedAt());
        assertNull(split.problem());
        // kept, so that the importer can reject it with the reason
        PaperRecord untitled = out.records.get(2);
        assertEquals("2401.01235", untitled.arxivId());
        assertEquals("no title", untitled.problem());
        assertEquals(LocalDate.of(2024, 1, 9), untitled.listedOn(), "the day the line gives");
        assertEquals(2, out.rejections.size());
        assertTrue(out.rejections.get(0).startsWith("1: line is not JSON"), out.rejections.toString());
        assertEquals("4: line is not a JSON object", out.rejections.get(1));
    }
}
