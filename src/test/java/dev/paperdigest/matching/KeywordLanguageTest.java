package dev.paperdigest.matching;

import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The keyword language on the 503 real seed abstracts: each row is a query and, independently, a
 * regular expression over the raw text saying which papers it must find; the matcher must find
 * exactly those, and at least {@code atLeast} of them (so a row cannot pass by matching nothing).
 */
@NoDatabase
class KeywordLanguageTest {

    private static final PaperMatcher MATCHER = new LuceneMatcher();

    record Row(String query, Predicate<MatchablePaper> expected, int atLeast) {
        @Override
        public String toString() {
            return query;
        }
    }

    private static Predicate<MatchablePaper> anywhere(String regex) {
        Pattern p = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return paper -> p.matcher(nz(paper.title())).find()
                || p.matcher(nz(paper.abstractText())).find();
    }

    private static Predicate<MatchablePaper> inTitle(String regex) {
        Pattern p = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return paper -> p.matcher(nz(paper.title())).find();
    }

    private static Predicate<MatchablePaper> inAbstract(String regex) {
        Pattern p = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return paper -> p.matcher(nz(paper.abstractText())).find();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static Stream<Row> rows() {
        String quantization = "\\bquantizations?\\b";
        String diffusion = "\\bdiffusions?\\b";
        String image = "\\bimages?\\b";
        return Stream.of(
                // word forms: a word finds its singular and plural, not other words built on the same stem
                new Row("quantization", anywhere(quantization), 10),
                new Row("quantized", anywhere("\\bquantized\\b"), 5),
                new Row("Quantize", anywhere("\\bquantizes?\\b"), 3),
                new Row("tokenization", anywhere("\\btokenizations?\\b"), 12),
                new Row("tokenizers", anywhere("\\btokenizers?\\b"), 10),
                new Row("policies", anywhere("\\bpolic(y|ies)\\b"), 10),
                new Row("adapters", anywhere("\\badapters?\\b"), 10),
                // words are ANDed; "optimizers" finds optimizer(s), not "optimal" or "optimization"
                new Row("quantization optimizers", anywhere(quantization).and(anywhere("\\boptimizers?\\b")), 1),
                new Row("mixture experts", anywhere("\\bmixtures?\\b").and(anywhere("\\bexperts?\\b")), 8),
                // phrases: consecutive words, hyphens and stop words inside do not matter
                new Row("\"speculative decoding\"", anywhere("\\bspeculative decoding\\b"), 1),
                new Row("\"mixture of experts\"", anywhere("\\bmixtures?[- ]of[- ]experts?\\b"), 10),
                new Row("\"retrieval augmented\"", anywhere("\\bretrieval[- ]augmented\\b"), 15),
                // OR (any case, binds tighter than the implicit AND)
                new Row(
                        "LoRA OR \"mixture of experts\"",
                        anywhere("\\blora\\b").or(anywhere("\\bmixtures?[- ]of[- ]experts?\\b")),
                        20),
                new Row("lora or quantization", anywhere("\\blora\\b").or(anywhere(quantization)), 20),
                new Row(
                        "(lora OR quantization) memory",
                        anywhere("\\blora\\b").or(anywhere(quantization)).and(anywhere("\\bmemor(y|ies)\\b")),
                        5),
                // exclusion
                new Row(
                        "diffusion -image",
                        anywhere(diffusion).and(anywhere(image).negate()),
                        4),
                new Row(
                        "diffusion NOT image",
                        anywhere(diffusion).and(anywhere(image).negate()),
                        4),
                new Row(
                        "diffusion (-image)",
                        anywhere(diffusion).and(anywhere(image).negate()),
                        4),
                new Row(
                        "\"mixture of experts\" -sparse",
                        anywhere("\\bmixtures?[- ]of[- ]experts?\\b")
                                .and(anywhere("\\bsparse\\b").negate()),
                        5),
                // prefix, on the words as written: the way to ask for more forms
                new Row("quantiz*", anywhere("\\bquantiz\\w*"), 12),
                new Row("tokeniz*", anywhere("\\btokeniz\\w*"), 15),
                new Row("speculat*", anywhere("\\bspeculat\\w*"), 2),
                // field restriction
                new Row("title:diffusion", inTitle(diffusion), 6),
                new Row(
                        "abstract:diffusion -title:diffusion",
                        inAbstract(diffusion).and(inTitle(diffusion).negate()),
                        3),
                new Row("title:\"language models\"", inTitle("\\blanguage[- ]models?\\b"), 20),
                // case and accents
                new Row("DIFFUSION", anywhere(diffusion), 10),
                new Row("naively", anywhere("\\bna[iï]vely\\b"), 1),
                new Row("Sabia", anywhere("\\bsabi[aá]\\b"), 1),
                new Row("gloria", anywhere("\\bgl[oó]ria\\b"), 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void findsExactlyThePapersTheQueryDescribes(Row row) throws Exception {
        List<MatchablePaper> papers = SeedPapers.all();
        Set<Long> expected = new TreeSet<>();
        for (MatchablePaper paper : papers) {
            if (row.expected().test(paper)) {
                expected.add(paper.id());
            }
        }
        assertTrue(
                expected.size() >= row.atLeast(),
                "the seed file should have at least " + row.atLeast() + " papers for " + row.query() + ", has "
                        + expected.size());
        assertEquals(row.query(), MATCHER.validate(QueryKind.KEYWORD, row.query()));
        assertEquals(expected, SeedPapers.matchIds(MATCHER, papers, QueryKind.KEYWORD, row.query()));
    }
}
