package dev.paperdigest.matching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperdigest.matching.PaperAnalysis.Stemmer;
import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How well each analysis finds what researchers mean, on the judged set
 * (src/test/resources/relevance/judged-set.json: keyword queries and the seed papers that truly
 * match them, judged by reading the papers). Every analysis goes through the real path: the
 * matcher validates and parses the query, indexes the seed papers and answers; a digest's order is
 * {@link MatchSession#best}. Writes the table of docs/QUERY-LANGUAGE.md to
 * {@code target/relevance-evaluation.md}, and fails if the analysis the service uses is not the
 * best of them on F1 and on nDCG@10 of the digest order.
 */
@NoDatabase
class RelevanceEvaluationTest {

    private static final Instant DAY = Instant.parse("2026-12-01T08:00:00Z");
    private static final int DIGEST_TOP = 10;
    private static final Path TABLE = Path.of("target", "relevance-evaluation.md");

    /** The analyses compared; the service's own is one of them. */
    private static final List<PaperAnalysis> ANALYSES = List.of(
            new PaperAnalysis(Stemmer.PORTER, true),
            new PaperAnalysis(Stemmer.KSTEM, true),
            new PaperAnalysis(Stemmer.MINIMAL, true),
            new PaperAnalysis(Stemmer.MINIMAL, false),
            new PaperAnalysis(Stemmer.MINIMAL_IZE, true),
            new PaperAnalysis(Stemmer.NONE, true));

    record Judged(String query, String note, Set<Long> relevant) {}

    /** One query's result under one analysis. */
    record Outcome(double precision, double recall, double f1, double ndcg) {}

    /** The averages over all queries (each query counts the same). */
    record Summary(double precision, double recall, double f1, double ndcg) {
        static Summary of(List<Outcome> outcomes) {
            return new Summary(
                    outcomes.stream().mapToDouble(Outcome::precision).average().orElse(0),
                    outcomes.stream().mapToDouble(Outcome::recall).average().orElse(0),
                    outcomes.stream().mapToDouble(Outcome::f1).average().orElse(0),
                    outcomes.stream().mapToDouble(Outcome::ndcg).average().orElse(0));
        }
    }

    @Test
    void theJudgedSetIsWhatItClaims() throws Exception {
        List<Judged> judged = judgedSet();
        assertTrue(judged.size() >= 40, "at least 40 queries, has " + judged.size());
        assertEquals(
                judged.size(), judged.stream().map(Judged::query).distinct().count(), "queries are distinct");
        int papers = SeedPapers.all().size();
        for (Judged j : judged) {
            assertTrue(!j.note().isBlank(), j.query() + " says where its line was drawn");
            assertTrue(!j.relevant().isEmpty(), j.query() + " has relevant papers");
            assertTrue(j.relevant().stream().allMatch(id -> id >= 0 && id < papers), j.query() + " names seed papers");
            assertEquals(j.query(), new LuceneMatcher().validate(QueryKind.KEYWORD, j.query()), "a valid query");
        }
    }

    @Test
    void theServiceAnalysisFindsWhatResearchersMeanBest() throws Exception {
        List<Judged> judged = judgedSet();
        Map<PaperAnalysis, List<Outcome>> outcomes = new LinkedHashMap<>();
        for (PaperAnalysis analysis : ANALYSES) {
            outcomes.put(analysis, evaluate(analysis, judged));
        }
        Files.createDirectories(TABLE.getParent());
        Files.writeString(TABLE, table(judged, outcomes));

        PaperAnalysis service = ANALYSES.stream()
                .filter(a -> a.stemmer == PaperAnalysis.ENGLISH.stemmer
                        && a.possessives == PaperAnalysis.ENGLISH.possessives)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the service's analysis is not among those compared"));
        Summary chosen = Summary.of(outcomes.get(service));
        for (PaperAnalysis other : ANALYSES) {
            Summary summary = Summary.of(outcomes.get(other));
            // not precision: finding less (no stemming at all) always wins that
            assertTrue(
                    chosen.f1() >= summary.f1() && chosen.ndcg() >= summary.ndcg(),
                    "the service's " + service + " should have the best F1 and nDCG@10, but " + other + " has "
                            + summary + " against " + chosen + "; see " + TABLE);
        }
    }

    @Test
    void theMeasuresMeanWhatTheySay() {
        Set<Long> relevant = Set.of(1L, 2L, 3L, 4L);
        Outcome outcome = outcome(Set.of(1L, 2L, 9L), List.of(9L, 1L, 2L), relevant);
        assertEquals(2 / 3.0, outcome.precision(), 1e-9);
        assertEquals(0.5, outcome.recall(), 1e-9);
        assertEquals(2 * (2 / 3.0) * 0.5 / (2 / 3.0 + 0.5), outcome.f1(), 1e-9);
        // gains 0, 1, 1 against the ideal 1, 1, 1, 1
        double dcg = 1 / log2(3) + 1 / log2(4);
        double ideal = 1 + 1 / log2(3) + 1 / log2(4) + 1 / log2(5);
        assertEquals(dcg / ideal, outcome.ndcg(), 1e-9);
        assertEquals(1.0, outcome(relevant, List.of(1L, 2L, 3L, 4L), relevant).ndcg(), 1e-9);
        assertEquals(new Outcome(0, 0, 0, 0), outcome(Set.of(), List.of(), relevant));
    }

    private static List<Outcome> evaluate(PaperAnalysis analysis, List<Judged> judged) throws InvalidQueryException {
        LuceneMatcher matcher = new LuceneMatcher(analysis);
        MatchSession session = matcher.index(SeedPapers.onOneDay(DAY), DAY);
        List<Outcome> out = new ArrayList<>();
        for (Judged j : judged) {
            Query query = new Query(QueryKind.KEYWORD, matcher.validate(QueryKind.KEYWORD, j.query()));
            Set<Long> found = new TreeSet<>();
            session.hits(query).forEach(hit -> found.add(hit.paperId()));
            List<Long> digest = session.best(List.of(query), DIGEST_TOP).top().stream()
                    .map(RankedPapers.Ranked::paperId)
                    .toList();
            out.add(outcome(found, digest, j.relevant()));
        }
        return out;
    }

    /** Precision and recall of what a query found, and nDCG of the digest's first papers (judged relevant = 1). */
    static Outcome outcome(Set<Long> found, List<Long> digest, Set<Long> relevant) {
        long hits = found.stream().filter(relevant::contains).count();
        double precision = found.isEmpty() ? 0 : hits / (double) found.size();
        double recall = hits / (double) relevant.size();
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        double dcg = 0;
        for (int i = 0; i < Math.min(DIGEST_TOP, digest.size()); i++) {
            dcg += relevant.contains(digest.get(i)) ? 1 / log2(i + 2) : 0;
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(DIGEST_TOP, relevant.size()); i++) {
            ideal += 1 / log2(i + 2);
        }
        return new Outcome(precision, recall, f1, dcg / ideal);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static String table(List<Judged> judged, Map<PaperAnalysis, List<Outcome>> outcomes) {
        StringBuilder out = new StringBuilder();
        out.append("| analysis | precision | recall | F1 | nDCG@10 of the digest |\n|---|---|---|---|---|\n");
        outcomes.forEach((analysis, list) -> {
            Summary s = Summary.of(list);
            out.append("| %s | %.3f | %.3f | %.3f | %.3f |\n"
                    .formatted(name(analysis), s.precision(), s.recall(), s.f1(), s.ndcg()));
        });
        out.append("\nF1 per query, where the analyses differ (precision / recall in brackets):\n\n| query |");
        outcomes.keySet().forEach(a -> out.append(' ').append(name(a)).append(" |"));
        out.append("\n|---|");
        outcomes.keySet().forEach(a -> out.append("---|"));
        out.append('\n');
        for (int q = 0; q < judged.size(); q++) {
            int at = q;
            if (outcomes.values().stream().map(list -> list.get(at)).distinct().count() == 1) {
                continue;
            }
            out.append("| `").append(judged.get(q).query()).append("` |");
            outcomes.values().forEach(list -> {
                Outcome o = list.get(at);
                out.append(" %.2f (%.2f / %.2f) |".formatted(o.f1(), o.precision(), o.recall()));
            });
            out.append('\n');
        }
        return out.toString();
    }

    private static String name(PaperAnalysis analysis) {
        String stemmer = switch (analysis.stemmer) {
            case PORTER -> "Porter";
            case KSTEM -> "KStem";
            case MINIMAL -> "minimal (plurals)";
            case MINIMAL_IZE -> "minimal + -ize forms";
            case NONE -> "no stemming";
        };
        String name = stemmer + (analysis.possessives ? "" : ", no possessive filter");
        return analysis.stemmer == PaperAnalysis.ENGLISH.stemmer
                        && analysis.possessives == PaperAnalysis.ENGLISH.possessives
                ? "**" + name + "** (the service)"
                : name;
    }

    static List<Judged> judgedSet() throws IOException {
        JsonNode root;
        try (InputStream in = RelevanceEvaluationTest.class.getResourceAsStream("/relevance/judged-set.json")) {
            root = new ObjectMapper().readTree(in);
        }
        assertEquals(
                root.get("papersSha256").asText(),
                sha256("/seed-papers.json"),
                "the seed papers changed since they were judged: check the judgements again");
        List<Judged> judged = new ArrayList<>();
        for (JsonNode q : root.get("queries")) {
            Set<Long> relevant = new TreeSet<>();
            q.get("relevant").forEach(id -> relevant.add(id.asLong()));
            judged.add(new Judged(q.get("query").asText(), q.get("note").asText(), Set.copyOf(relevant)));
        }
        return judged;
    }

    private static String sha256(String resource) throws IOException {
        try (InputStream in = RelevanceEvaluationTest.class.getResourceAsStream(resource)) {
            // line ends as committed, whatever a checkout made of them
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)))
                    .toLowerCase(Locale.ROOT);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
