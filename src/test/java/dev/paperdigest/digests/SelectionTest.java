package dev.paperdigest.digests;

import dev.paperdigest.matching.Query;
import dev.paperdigest.matching.QueryKind;
import dev.paperdigest.matching.RankedPapers;
import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a delivery keeps of matching survives being stored, and stays small. */
@NoDatabase
class SelectionTest {

    private final List<Query> queries = List.of(
            new Query(QueryKind.KEYWORD, "\"sparse attention\" -vision"),
            new Query(QueryKind.AUTHOR, "Ada Lovelace"),
            new Query(QueryKind.CATEGORY, "cs.*"));

    @Test
    void aSelectionReadsBackAsItWasStored() {
        RankedPapers ranked = new RankedPapers(
                List.of(
                        new RankedPapers.Ranked(17, 9.5, List.of(0, 2), List.of("sparse\nattention", "cs.CL")),
                        new RankedPapers.Ranked(4, 8.0, List.of(1), List.of("Ada Lovelace")),
                        new RankedPapers.Ranked(23, 1.0, List.of(2), List.of())),
                415);

        Selection stored = Selection.of(ranked, queries);
        Selection read = Selection.decode(stored.encode());

        assertEquals(List.of(17L, 4L, 23L), read.paperIds());
        assertEquals(412, read.moreCount());
        assertEquals(415, read.totalCount());
        assertEquals(
                List.of("KEYWORD\t\"sparse attention\" -vision", "CATEGORY\tcs.*"),
                read.picks().get(0).reasons());
        // a phrase found across a line break is kept on one line
        assertEquals(List.of("sparse attention", "cs.CL"), read.picks().get(0).terms());
        assertEquals(
                List.of("keyword “\"sparse attention\" -vision”", "category cs.*"),
                read.picks().get(0).describedReasons());
        assertEquals(List.of("author Ada Lovelace"), read.picks().get(1).describedReasons());
        assertEquals(List.of(), read.picks().get(2).terms());
    }

    @Test
    void reasonsAndWordsSharedByPapersAreStoredOnce() {
        List<RankedPapers.Ranked> top = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            top.add(new RankedPapers.Ranked(
                    100_000 + i, 1.0, List.of(0, 1, 2), List.of("sparse attention", "Ada Lovelace")));
        }
        String stored = Selection.of(new RankedPapers(top, 500), queries).encode();
        assertTrue(stored.length() < 900, "25 papers in " + stored.length() + " characters:\n" + stored);
        assertEquals(
                1,
                stored.split("Ada Lovelace", -1).length - 2,
                "the author appears once as a reason and once as a word");
    }

    @Test
    void textThatIsNotASelectionIsRefusedClearly() {
        assertThrows(IllegalArgumentException.class, () -> Selection.decode(null));
        assertThrows(IllegalArgumentException.class, () -> Selection.decode("v1\tmany\n"));
        assertThrows(IllegalArgumentException.class, () -> Selection.decode("v1\t0\np\t1\t7\t\n"));
    }
}
