package dev.paperdigest.papers;

import dev.paperdigest.common.ImportReport;
import dev.paperdigest.support.PaperIds;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What is kept rendered from the papers (the front page, the preview's index) is dropped only when they changed. */
@QuarkusTest
class PapersChangedTest {

    @Inject
    PaperStore store;

    @Inject
    PapersChangedCounter counter;

    @Test
    void storingPapersAsTheyAreAlreadyChangesNothing() {
        String id = PaperIds.base("2612") + "1";
        PaperRecord record = PaperRecords.arxiv(
                id, 1, "A paper stored twice", "Its abstract.", List.of("Ada Lovelace"), List.of("cs.CL"));
        int before = counter.changes();

        ImportReport first = store.upsert(List.of(record));
        assertEquals(1, first.created, () -> "created, rejected: " + first.rejected);
        assertEquals(before + 1, counter.changes(), "a new paper is a change");

        store.upsert(List.of(record));
        assertEquals(before + 1, counter.changes(), "the same paper again is not");

        store.upsert(List.of(PaperRecords.arxiv(
                id, 2, "A paper stored twice, revised", "Its abstract.", List.of("Ada Lovelace"), List.of("cs.CL"))));
        assertEquals(before + 2, counter.changes(), "a new version is a change");
    }
}
