package dev.paperdigest.papers.ingestion;

import dev.paperdigest.common.ImportReport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RejectionLinesTest {

    private final RejectionLines lines = new RejectionLines();

    @Test
    void rejectionsAreALineEachAndReadBackAsTheyWere() {
        List<ImportReport.Rejection> rejections = List.of(
                new ImportReport.Rejection(3, "arXiv page start=0, entry 3: no title"),
                new ImportReport.Rejection(7, "a reason\twith a tab"));
        String column = lines.convertToDatabaseColumn(rejections);
        assertEquals("3\tarXiv page start=0, entry 3: no title\n7\ta reason\twith a tab\n", column);
        assertEquals(rejections, lines.convertToEntityAttribute(column));
    }

    @Test
    void aReasonOverSeveralLinesIsStoredOnOne() {
        String column = lines.convertToDatabaseColumn(List.of(new ImportReport.Rejection(0, "first\nsecond")));
        assertEquals(List.of(new ImportReport.Rejection(0, "first second")), lines.convertToEntityAttribute(column));
    }

    @Test
    void noRejectionsIsNoValue() {
        assertNull(lines.convertToDatabaseColumn(List.of()));
        assertEquals(List.of(), lines.convertToEntityAttribute(null));
    }

    @Test
    void aRunListsTheFirstTwoHundredAndCountsTheRest() {
        ImportReport report = new ImportReport();
        for (int i = 0; i < RejectionLines.LISTED + 5; i++) {
            report.reject(i, "bad " + i);
        }
        List<ImportReport.Rejection> listed = RejectionLines.listed(report);
        assertEquals(RejectionLines.LISTED + 1, listed.size());
        assertEquals(new ImportReport.Rejection(199, "bad 199"), listed.get(199));
        assertEquals(new ImportReport.Rejection(-1, "5 more not listed"), listed.get(200));
        assertEquals(listed, lines.convertToEntityAttribute(lines.convertToDatabaseColumn(listed)));
    }

    @Test
    void rejectionsBeyondWhatAReportListsAreCountedToo() {
        ImportReport report = new ImportReport();
        for (int i = 0; i < ImportReport.LISTED_REJECTIONS + 5; i++) {
            report.reject(i, "bad " + i);
        }
        IngestionRun run = new IngestionRun();
        run.count(report.rejectedCount(), report);
        int all = ImportReport.LISTED_REJECTIONS + 5;
        assertEquals(all, run.rejected, "the report lists 1000 and counts the rest");
        assertEquals(
                new ImportReport.Rejection(-1, (all - RejectionLines.LISTED) + " more not listed"),
                run.rejections.get(RejectionLines.LISTED));
    }
}
