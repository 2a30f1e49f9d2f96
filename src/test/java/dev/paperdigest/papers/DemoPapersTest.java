package dev.paperdigest.papers;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@NoDatabase
class DemoPapersTest {

    private final List<PaperRecord> demo = new DemoPapers(null, null, new ObjectMapper(), null, null).read();

    private PaperRecord titled(String start) {
        return demo.stream()
                .filter(r -> r.title().startsWith(start))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no demo paper " + start));
    }

    @Test
    void aDemoPaperBelongsToTheDateOfItsPage() {
        PaperRecord regMix = titled("RegMix: Data Mixture as Regression");
        assertEquals(LocalDate.of(2024, 7, 1), regMix.listedOn());
        assertEquals(7, regMix.upvotes());
        assertEquals(Paper.DEMO_SOURCE, regMix.source());
    }

    @Test
    void aPageDateWithoutAYearGivesNoDay() {
        // "Jun 23": stored on the day the demo papers are loaded
        assertNull(titled("SlimMoE").listedOn());
    }
}
