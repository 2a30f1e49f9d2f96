package dev.paperdigest.matching;

import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Votes on earlier papers ("More like this", "Fewer like this") reorder a digest: papers by the
 * same authors or with the same telling words move, within half to twice their rank, and the
 * papers that match stay the same.
 */
@NoDatabase
class PreferencesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private static final List<Query> GRAPHS = List.of(new Query(QueryKind.KEYWORD, "graph"));

    private static final MatchablePaper TRAFFIC = new MatchablePaper(
            1,
            "Graph neural networks for graph traffic forecasting",
            "We forecast road traffic with a graph network over the graph of roads.",
            List.of("Ada Lovelace"),
            List.of("cs.LG"));
    private static final MatchablePaper ZEBRAFISH = new MatchablePaper(
            2,
            "Whole-brain zebrafish graph recordings",
            "Neurons of larval zebrafish, recorded for hours, and the graph of their connections.",
            List.of("Grace Hopper", "Barbara Liskov"),
            List.of("q-bio.NC"));
    private static final MatchablePaper MOLECULES = new MatchablePaper(
            3,
            "Graph sampling for molecules",
            "A graph sampler for molecule generation.",
            List.of("Alan Turing"),
            List.of("cs.LG"));
    private static final MatchablePaper SOCIAL = new MatchablePaper(
            4,
            "Graph theory of social networks",
            "Spectral graph theory explains communities.",
            List.of("Emmy Noether"),
            List.of("cs.SI"));

    private final MatchSession session = new LuceneMatcher().index(List.of(TRAFFIC, ZEBRAFISH, MOLECULES, SOCIAL), NOW);

    @Test
    void aLikedAuthorAndTheirWordsRiseWhileTheSamePapersMatch() {
        RankedPapers before = session.best(GRAPHS, 10);
        assertEquals(
                ZEBRAFISH.id(),
                last(before),
                "its graph is mentioned in the longest title and abstract: it comes last");

        Preferences liked = Preferences.builder()
                .more(
                        "Calcium imaging of zebrafish neurons",
                        "We image every neuron of larval zebrafish at once.",
                        List.of("G. Hopper"))
                .more("Zebrafish larval neurons in motion", "Larval zebrafish swim.", List.of("Grace Hopper"))
                .build();
        RankedPapers after = session.best(GRAPHS, 10, liked);

        assertTrue(
                position(after, ZEBRAFISH) < position(before, ZEBRAFISH),
                "the liked author and words lift it: " + after.top());
        assertEquals(ids(before), ids(after), "the same papers match");
        assertEquals(before.total(), after.total());
        Map<Long, Double> ratios = ratios(before, after);
        assertEquals(2.0, ratios.get(ZEBRAFISH.id()), 1e-9, "lifted as far as it goes, and no further");
        assertEquals(1.0, ratios.get(MOLECULES.id()), 1e-9, "a paper sharing nothing with the vote keeps its rank");
    }

    @Test
    void dislikesLowerAPaperToHalfItsRankAndNeverHideIt() {
        Preferences.Builder votes = Preferences.builder();
        for (int i = 0; i < 20; i++) {
            votes.fewer("Traffic forecasting " + i, "Road traffic, forecast again.", List.of("Ada Lovelace"));
        }
        RankedPapers before = session.best(GRAPHS, 10);
        RankedPapers after = session.best(GRAPHS, 10, votes.build());

        assertEquals(TRAFFIC.id(), before.top().get(0).paperId());
        assertNotEquals(TRAFFIC.id(), after.top().get(0).paperId(), "it gave up the first place");
        assertEquals(ids(before), ids(after), "it is still in the digest");
        assertEquals(0.5, ratios(before, after).get(TRAFFIC.id()), 1e-9, "twenty dislikes halve it, no more");
    }

    @Test
    void votesThatCancelOutAndNoVotesChangeNothing() {
        RankedPapers plain = session.best(GRAPHS, 3);
        assertEquals(plain, session.best(GRAPHS, 3, Preferences.NONE));
        Preferences cancelled = Preferences.builder()
                .more("Zebrafish neurons", "Zebrafish.", List.of("Grace Hopper"))
                .fewer("Zebrafish neurons", "Zebrafish.", List.of("Grace Hopper"))
                .build();
        assertTrue(cancelled.isEmpty());
        assertEquals(plain, session.best(GRAPHS, 3, cancelled));
    }

    @Test
    void theTellingWordsOfAPaperLeaveOutWhatEveryAbstractSays() {
        List<String> words = Preferences.distinctive(
                "A novel model for zebrafish tracking",
                "We propose a new model and show results on zebrafish tracking in 2024, zebrafish larvae.");
        assertEquals("zebrafish", words.get(0), "the word title and abstract repeat says most");
        assertTrue(words.contains("tracking"));
        assertTrue(
                words.stream().noneMatch(w -> w.equals("model") || w.equals("novel") || w.equals("2024")),
                words::toString);
    }

    private static int position(RankedPapers ranked, MatchablePaper paper) {
        return ranked.top().stream().map(RankedPapers.Ranked::paperId).toList().indexOf(paper.id());
    }

    private static long last(RankedPapers ranked) {
        return ranked.top().get(ranked.top().size() - 1).paperId();
    }

    private static HashSet<Long> ids(RankedPapers ranked) {
        return ranked.top().stream().map(RankedPapers.Ranked::paperId).collect(Collectors.toCollection(HashSet::new));
    }

    private static Map<Long, Double> ratios(RankedPapers before, RankedPapers after) {
        Map<Long, Double> was = before.top().stream()
                .collect(Collectors.toMap(RankedPapers.Ranked::paperId, RankedPapers.Ranked::rank));
        return after.top().stream().collect(Collectors.toMap(r -> r.paperId(), r -> r.rank() / was.get(r.paperId())));
    }
}
