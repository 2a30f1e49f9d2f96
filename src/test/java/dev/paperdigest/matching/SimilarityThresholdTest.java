package dev.paperdigest.matching;

import dev.paperdigest.matching.RelevanceEvaluationTest.Judged;
import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evidence for {@link SimilarityIndex#THRESHOLD}, on the judged set
 * (src/test/resources/relevance/judged-set.json): for each judged query with at least three
 * relevant seed papers, each of them in turn is the liked paper, and the query's other relevant
 * papers are what "papers like this one" should find among all the seed papers. Writes the table
 * of docs/QUERY-LANGUAGE.md to {@code target/similarity-threshold.md}, and fails when the chosen
 * threshold is no longer within reach of the best F1 among those that find at most
 * {@link #MAX_SHARE_FOUND} of the papers, or finds mostly unrelated papers.
 */
@NoDatabase
class SimilarityThresholdTest {

    private static final Instant DAY = Instant.parse("2026-12-01T08:00:00Z");
    private static final Path TABLE = Path.of("target", "similarity-threshold.md");
    private static final double[] THRESHOLDS = {0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.10, 0.15};

    /**
     * A liked paper may bring at most this share of the papers, on average: F1 on these broad
     * topics keeps rising as the threshold falls, until every fifth paper is "similar".
     */
    private static final double MAX_SHARE_FOUND = 0.05;

    /** Averages over the (query, liked paper) pairs. */
    record Measured(double threshold, double precision, double recall, double f1, double found) {}

    @Test
    void theThresholdIsTheBestOnTheJudgedSet() throws Exception {
        List<Measured> measured = measure();
        Files.createDirectories(TABLE.getParent());
        Files.writeString(TABLE, table(measured));
        double papers = SeedPapers.all().size();
        Measured best = measured.stream()
                .filter(m -> m.found() <= MAX_SHARE_FOUND * papers)
                .max((a, b) -> Double.compare(a.f1(), b.f1()))
                .orElseThrow();
        Measured chosen = measured.stream()
                .filter(m -> Math.abs(m.threshold() - SimilarityIndex.THRESHOLD) < 1e-9)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the chosen threshold is not among those measured"));
        assertTrue(
                chosen.f1() >= best.f1() - 0.01,
                "threshold " + SimilarityIndex.THRESHOLD + " has F1 " + chosen.f1() + ", but " + best.threshold()
                        + " has " + best.f1() + "; see " + TABLE);
        assertTrue(chosen.precision() >= 0.25, "a good share of the papers found should be related: " + chosen);
        assertTrue(
                chosen.found() <= MAX_SHARE_FOUND * papers,
                "a liked paper should not bring a flood of papers a day: " + chosen);
    }

    private static List<Measured> measure() throws Exception {
        List<MatchablePaper> seeds = SeedPapers.onOneDay(DAY);
        DayIndex day = DayIndex.build(seeds, PaperAnalysis.ENGLISH);
        SimilarityIndex index = day.similarity();
        // per (query, liked paper): the cosine of every other seed paper, and the targets
        List<Map<Long, Double>> scored = new ArrayList<>();
        List<Set<Long>> targets = new ArrayList<>();
        for (Judged judged : RelevanceEvaluationTest.judgedSet()) {
            if (judged.relevant().size() < 3) {
                continue;
            }
            for (long likedId : judged.relevant()) {
                MatchablePaper paper = seeds.get((int) likedId);
                QueryResult result = index.similarTo(
                        new LikedPaper(paper.id(), paper.title(), paper.abstractText()),
                        PaperAnalysis.ENGLISH,
                        (stems, ord) -> List.of(),
                        0.0);
                Map<Long, Double> cosines = new LinkedHashMap<>();
                for (int i = 0; i < result.size(); i++) {
                    cosines.put(seeds.get(result.ords[i]).id(), result.scores[i] / SimilarityIndex.SCORE_SCALE);
                }
                Set<Long> others = new HashSet<>(judged.relevant());
                others.remove(likedId);
                scored.add(cosines);
                targets.add(others);
            }
        }
        List<Measured> measured = new ArrayList<>();
        for (double threshold : THRESHOLDS) {
            double precision = 0;
            double recall = 0;
            double f1 = 0;
            double found = 0;
            for (int i = 0; i < scored.size(); i++) {
                Set<Long> hits = new HashSet<>();
                scored.get(i).forEach((id, cosine) -> {
                    if (cosine >= threshold) {
                        hits.add(id);
                    }
                });
                long right = hits.stream().filter(targets.get(i)::contains).count();
                double p = hits.isEmpty() ? 0 : right / (double) hits.size();
                double r = right / (double) targets.get(i).size();
                precision += p;
                recall += r;
                f1 += p + r == 0 ? 0 : 2 * p * r / (p + r);
                found += hits.size();
            }
            int n = scored.size();
            measured.add(new Measured(threshold, precision / n, recall / n, f1 / n, found / n));
        }
        return measured;
    }

    private static String table(List<Measured> measured) {
        StringBuilder out = new StringBuilder(
                "| threshold | precision | recall | F1 | papers found per liked paper (of 503) |\n|---|---|---|---|---|\n");
        for (Measured m : measured) {
            boolean chosen = Math.abs(m.threshold() - SimilarityIndex.THRESHOLD) < 1e-9;
            out.append("| %s%.2f%s | %.3f | %.3f | %.3f | %.1f |\n"
                    .formatted(
                            chosen ? "**" : "",
                            m.threshold(),
                            chosen ? "** (the service)" : "",
                            m.precision(),
                            m.recall(),
                            m.f1(),
                            m.found()));
        }
        return out.toString();
    }
}
