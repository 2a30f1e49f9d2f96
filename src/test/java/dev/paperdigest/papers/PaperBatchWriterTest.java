package dev.paperdigest.papers;

import dev.paperdigest.common.ImportReport;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PaperBatchWriterTest {

    /** Stores nothing: counts the batches, creates every record but those titled "bad". */
    private static final class CountingStore extends PaperStore {
        final List<Integer> batches = new ArrayList<>();

        CountingStore() {
            super(Clock.systemUTC(), null); // never fires: upsertIndexed stores nothing here
        }

        @Override
        public ImportReport upsertIndexed(List<Indexed> batch) {
            batches.add(batch.size());
            ImportReport report = new ImportReport();
            report.received = batch.size();
            for (Indexed indexed : batch) {
                if ("bad".equals(indexed.record().title())) {
                    report.reject(indexed.index(), "no good");
                } else {
                    report.created++;
                }
            }
            return report;
        }
    }

    private static PaperRecord record(int i, String title) {
        return PaperRecords.arxiv("2601." + String.format("%05d", i), 1, title, "A", List.of("A"), List.of());
    }

    @Test
    void storesInBatchesAndTheRestOnFlush() {
        CountingStore store = new CountingStore();
        ImportReport report = new ImportReport();
        PaperBatchWriter writer = new PaperBatchWriter(store, report);
        for (int i = 0; i < 1201; i++) {
            writer.accept(i, record(i, "Paper " + i));
        }
        assertEquals(List.of(500, 500), store.batches);
        writer.flush();
        writer.flush();
        assertEquals(List.of(500, 500, 201), store.batches);
        assertEquals(1201, report.created);
        assertEquals(1201, writer.entries());
    }

    @Test
    void aLaterDocumentOfOneReportCountsOnAndSaysWhereItsRejectionsAre() {
        CountingStore store = new CountingStore();
        ImportReport report = new ImportReport();
        int[] seen = {0};
        int[] stored = {0};
        PaperBatchWriter page = new PaperBatchWriter(store, report, 10, "page 2") {
            @Override
            protected void moreEntries(int count) {
                seen[0] += count;
            }

            @Override
            protected void stored() {
                stored[0]++;
            }
        };
        page.accept(0, record(0, "fine"));
        page.reject(1, "no id");
        page.accept(3, record(3, "bad"));
        page.flush();

        assertEquals(4, page.entries());
        assertEquals(4, seen[0]);
        assertEquals(1, stored[0]);
        assertEquals(1, report.created);
        assertEquals(
                List.of(
                        new ImportReport.Rejection(11, "page 2, entry 1: no id"),
                        new ImportReport.Rejection(13, "page 2, entry 3: no good")),
                report.rejected);
    }
}
