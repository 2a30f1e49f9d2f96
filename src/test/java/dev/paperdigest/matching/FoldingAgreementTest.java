package dev.paperdigest.matching;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Keyword search, author search and highlighting ignore case and accents by one rule
 * ({@link TextFolding}): what a subscriber types without accents finds the paper that writes the
 * word with them, and the word is reported and marked as the paper writes it.
 */
class FoldingAgreementTest {

    private static final PaperMatcher MATCHER = new LuceneMatcher();
    private static final MatchablePaper PAPER = new MatchablePaper(
            1,
            "Traffic forecasting in İstanbul",
            "Following Łukasz Müller and Þórunn Jónsdóttir, we forecast the traffic of İstanbul with graph networks.",
            List.of("Łukasz Müller", "Þórunn Jónsdóttir"),
            List.of("cs.LG"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # keyword typed | the word as the paper writes it
            lukasz          | Łukasz
            MULLER          | Müller
            Müller          | Müller
            thorunn         | Þórunn
            jonsdottir      | Jónsdóttir
            istanbul        | İstanbul
            istanb*         | İstanbul
            thor*           | Þórunn
            """)
    void aKeywordFindsAndMarksTheWordAsWritten(String keyword, String asWritten) throws Exception {
        QueryHit hit = onlyHit(QueryKind.KEYWORD, MATCHER.validate(QueryKind.KEYWORD, keyword));
        assertEquals(List.of(asWritten), hit.matchedTerms());
        assertEquals(List.of(asWritten), markedInTheAbstract(hit.matchedTerms()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # author typed     | the author as the paper writes it
            Lukasz Muller      | Łukasz Müller
            Łukasz Müller      | Łukasz Müller
            LUKASZ MÜLLER      | Łukasz Müller
            L. Muller          | Łukasz Müller
            Thorunn Jonsdottir | Þórunn Jónsdóttir
            T. Jónsdóttir      | Þórunn Jónsdóttir
            """)
    void anAuthorIsFoundAndMarkedAsWritten(String author, String asWritten) throws Exception {
        QueryHit hit = onlyHit(QueryKind.AUTHOR, MATCHER.validate(QueryKind.AUTHOR, author));
        assertEquals(List.of(asWritten), hit.matchedTerms());
        assertEquals(List.of(asWritten), markedInTheAbstract(hit.matchedTerms()));
    }

    @Test
    void aWordWrittenWithAndWithoutAccentsIsReportedOnceAndMarkedBothWays() {
        MatchablePaper paper =
                new MatchablePaper(2, "Baselines", "A naïve baseline, and a Naive one.", List.of(), List.of());
        QueryHit hit = SeedPapers.hits(MATCHER, List.of(paper), QueryKind.KEYWORD, "naive")
                .get(0);
        assertEquals(List.of("naïve"), hit.matchedTerms());
        assertEquals(
                List.of("naïve", "Naive"),
                SnippetHighlighter.snippet(paper.abstractText(), hit.matchedTerms(), 1000).stream()
                        .filter(SnippetHighlighter.Fragment::marked)
                        .map(SnippetHighlighter.Fragment::text)
                        .toList());
    }

    private static QueryHit onlyHit(QueryKind kind, String query) {
        List<QueryHit> hits = SeedPapers.hits(MATCHER, List.of(PAPER), kind, query);
        assertEquals(1, hits.size(), query + " should find the paper");
        return hits.get(0);
    }

    private static List<String> markedInTheAbstract(List<String> terms) {
        return SnippetHighlighter.snippet(PAPER.abstractText(), terms, 1000).stream()
                .filter(SnippetHighlighter.Fragment::marked)
                .map(SnippetHighlighter.Fragment::text)
                .toList();
    }
}
