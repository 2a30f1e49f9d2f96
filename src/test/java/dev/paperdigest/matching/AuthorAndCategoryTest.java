package dev.paperdigest.matching;

import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Author names and categories, on the seed papers that list authors plus a few written for accents and particles. */
@NoDatabase
class AuthorAndCategoryTest {

    private static final PaperMatcher MATCHER = new LuceneMatcher();
    private static final List<MatchablePaper> PAPERS = papers();

    /** The seed papers, plus six with names the seed lacks (ids 1000+), reusing real abstracts. */
    private static List<MatchablePaper> papers() {
        List<MatchablePaper> papers = new ArrayList<>(SeedPapers.all());
        String text = SeedPapers.all().get(0).abstractText();
        papers.add(new MatchablePaper(
                1000,
                "Attention Is All You Need",
                text,
                List.of("Ashish Vaswani", "Noam Shazeer", "Łukasz Kaiser", "Illia Polosukhin"),
                List.of("cs.CL", "cs.LG")));
        papers.add(new MatchablePaper(
                1001, "Tractable circuits", text, List.of("Guy Van den Broeck", "Da Li"), List.of("cs.AI")));
        papers.add(new MatchablePaper(
                1002,
                "Another Lewis",
                text,
                List.of("Martha Lewis", "Patrick S. H. Lewis"),
                List.of("math.CT", "cs.CL")));
        papers.add(new MatchablePaper(1003, "Graph signals", text, List.of("José Müller-Šimić"), List.of("EESS.SP")));
        papers.add(new MatchablePaper(1004, "No categories", text, List.of("Mike Lewis"), List.of()));
        papers.add(new MatchablePaper(1005, "Suffixes", text, List.of("Martin L. King Jr."), List.of()));
        return List.copyOf(papers);
    }

    private static Set<Long> ids(String csv) {
        return csv == null || csv.isBlank()
                ? Set.of()
                : Arrays.stream(csv.split(" ")).map(Long::valueOf).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String papersBy(String author) {
        return PAPERS.stream()
                .filter(p -> p.authors().contains(author))
                .map(p -> String.valueOf(p.id()))
                .collect(Collectors.joining(" "));
    }

    @Test
    void theSeedsHaveTheAuthorsTheTableRelyOn() {
        assertEquals("0 1 4 9 13 15 17 24 28 30 31 32 41 48 49 1004", papersBy("Mike Lewis"));
        assertEquals("44", papersBy("Dániel Simig"));
        assertEquals("32", papersBy("Yann N. Dauphin"));
        assertEquals("11", papersBy("Tatsunori B. Hashimoto"));
        assertEquals("0 10 30 31", papersBy("Tim Dettmers"));
        assertEquals("28", papersBy("Sean O'Brien"));
        assertEquals("3", papersBy("Xiang Lisa Li"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # query                 | canonical form         | expected paper ids
            Mike Lewis              | Mike Lewis             | 0 1 4 9 13 15 17 24 28 30 31 32 41 48 49 1004
            mike LEWIS              | mike LEWIS             | 0 1 4 9 13 15 17 24 28 30 31 32 41 48 49 1004
            M. Lewis                | M. Lewis               | 0 1 4 9 13 15 17 24 28 30 31 32 41 48 49 1002 1004
            Lewis, Mike             | Mike Lewis             | 0 1 4 9 13 15 17 24 28 30 31 32 41 48 49 1004
            Martha Lewis            | Martha Lewis           | 1002
            P. Lewis                | P. Lewis               | 1002
            Patrick Lewis           | Patrick Lewis          | 1002
            P. S. H. Lewis          | P. S. H. Lewis         | 1002
            Patrick H. Lewis        | Patrick H. Lewis       | 1002
            Patrick X. Lewis        | Patrick X. Lewis       |
            Lukasz Kaiser           | Lukasz Kaiser          | 1000
            Ł. Kaiser               | Ł. Kaiser              | 1000
            Daniel Simig            | Daniel Simig           | 44
            Simig                   | Simig                  | 44
            Yann Dauphin            | Yann Dauphin           | 32
            Yann N. Dauphin         | Yann N. Dauphin        | 32
            Y. N. Dauphin           | Y. N. Dauphin          | 32
            Yann M. Dauphin         | Yann M. Dauphin        |
            Tatsunori Hashimoto     | Tatsunori Hashimoto    | 11
            Sean O'Brien            | Sean O'Brien           | 28
            Sean OBrien             | Sean OBrien            | 28
            Xiang Li                | Xiang Li               | 3
            Lisa Li                 | Lisa Li                |
            Dettmers                | Dettmers               | 0 10 30 31
            Tim  Dettmers           | Tim Dettmers           | 0 10 30 31
            Guy Van den Broeck      | Guy Van den Broeck     | 1001
            G. Van den Broeck       | G. Van den Broeck      | 1001
            Van den Broeck          | Van den Broeck         | 1001
            Da Li                   | Da Li                  | 1001
            Jose Muller-Simic       | Jose Muller-Simic      | 1003
            José Müller-Šimić       | José Müller-Šimić      | 1003
            Muller-Simic            | Muller-Simic           | 1003
            J. Simic                | J. Simic               | 1003
            J. Muller               | J. Muller              | 1003
            Yen-Ju Lu               | Yen-Ju Lu              | 39
            Y.-J. Lu                | Y.-J. Lu               | 39
            Yen Lu                  | Yen Lu                 | 39
            Martin Luther King Jr.  | Martin Luther King Jr. | 1005
            M. L. King, Jr.         | M. L. King Jr.         | 1005
            King, Martin            | Martin King            | 1005
            Geoffrey Hinton         | Geoffrey Hinton        |
            """)
    void authors(String query, String canonical, String expected) throws Exception {
        assertEquals(canonical, MATCHER.validate(QueryKind.AUTHOR, query));
        assertEquals(ids(expected), SeedPapers.matchIds(MATCHER, PAPERS, QueryKind.AUTHOR, canonical));
    }

    @Test
    void anAuthorHitNamesTheAuthorAsThePaperWritesIt() {
        List<QueryHit> hits = SeedPapers.hits(MATCHER, PAPERS, QueryKind.AUTHOR, "Lukasz Kaiser");
        assertEquals(1, hits.size());
        assertEquals(List.of("Łukasz Kaiser"), hits.get(0).matchedTerms());
        assertEquals(List.of("Martha Lewis"), hitOn(1002, "M. Lewis").matchedTerms());
        assertEquals(List.of("Patrick S. H. Lewis"), hitOn(1002, "Lewis, P.").matchedTerms());
    }

    private static QueryHit hitOn(long paperId, String author) {
        return SeedPapers.hits(MATCHER, PAPERS, QueryKind.AUTHOR, author).stream()
                .filter(h -> h.paperId() == paperId)
                .findFirst()
                .orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # query   | canonical | expected paper ids
            cs.CL     | cs.CL     | 1 3 4 6 7 8 9 10 13 14 15 16 17 18 19 22 23 24 25 27 28 31 33 34 35 37 38 39 40 41 42 43 45 46 47 48 49 1000 1002
            CS.cl     | cs.CL     | 1 3 4 6 7 8 9 10 13 14 15 16 17 18 19 22 23 24 25 27 28 31 33 34 35 37 38 39 40 41 42 43 45 46 47 48 49 1000 1002
            cs.SE     | cs.SE     | 2
            cs.*      | cs.*      | 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 1000 1001 1002
            math.*    | math.*    | 1002
            math.CT   | math.CT   | 1002
            eess.SP   | eess.SP   | 1003
            eess.*    | eess.*    | 1003
            hep-th    | hep-th    |
            quant-ph  | quant-ph  |
            """)
    void categories(String query, String canonical, String expected) throws Exception {
        assertEquals(canonical, MATCHER.validate(QueryKind.CATEGORY, query));
        assertEquals(ids(expected), SeedPapers.matchIds(MATCHER, PAPERS, QueryKind.CATEGORY, canonical));
    }

    @Test
    void aCategoryHitNamesTheCategoriesThatMatched() {
        QueryHit hit = SeedPapers.hits(MATCHER, PAPERS, QueryKind.CATEGORY, "cs.*").stream()
                .filter(h -> h.paperId() == 1000)
                .findFirst()
                .orElseThrow();
        assertEquals(List.of("cs.CL", "cs.LG"), hit.matchedTerms());
        assertFalse(
                SeedPapers.matchIds(MATCHER, PAPERS, QueryKind.CATEGORY, "cs.*").contains(1004L));
    }
}
