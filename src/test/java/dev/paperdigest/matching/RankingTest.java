package dev.paperdigest.matching;

import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The order inside a digest, {@code relevance × (1 + ln(1 + upvotes) / 4) × 0.5^(age in days / 7)},
 * on hand-made cases whose values were worked out by hand.
 */
@NoDatabase
class RankingTest {

    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    private static Instant daysAgo(double days) {
        return NOW.minus(Duration.ofMinutes(Math.round(days * 24 * 60)));
    }

    @Test
    void aFreshPaperWithoutUpvotesKeepsItsRelevance() {
        assertEquals(3.0, Ranking.rank(3.0, 0, NOW, NOW), 1e-12);
        assertEquals(3.0, Ranking.rank(3.0, null, NOW, NOW), 1e-12, "upvotes unknown count as none");
        assertEquals(3.0, Ranking.rank(3.0, 0, null, NOW), 1e-12, "a date unknown does not age");
        assertEquals(0.0, Ranking.rank(0.0, 500, NOW, NOW), 1e-12, "nothing lifts a paper no query found");
    }

    @Test
    void upvotesLiftLogarithmically() {
        assertEquals(1.0 + 0.17329, Ranking.weight(1, NOW, NOW), 1e-5); // ln 2 / 4
        assertEquals(1.0 + 1.15378, Ranking.weight(100, NOW, NOW), 1e-5); // ln 101 / 4: about twice none
        assertEquals(1.0 + 1.72718, Ranking.weight(1000, NOW, NOW), 1e-5); // ln 1001 / 4: ten times the votes, +27%
        assertEquals(1.0, Ranking.weight(-5, NOW, NOW), 1e-12, "a negative count is taken as none");
    }

    @Test
    void ageHalvesTheRankEveryWeek() {
        assertEquals(0.5, Ranking.weight(0, daysAgo(7), NOW), 1e-12);
        assertEquals(0.25, Ranking.weight(0, daysAgo(14), NOW), 1e-12);
        assertEquals(0.70711, Ranking.weight(0, daysAgo(3.5), NOW), 1e-5);
        assertEquals(0.95169, Ranking.weight(0, daysAgo(0.5), NOW), 1e-5, "hours count, not whole days");
        assertEquals(1.0, Ranking.weight(0, NOW.plus(Duration.ofDays(2)), NOW), 1e-12, "a date ahead does not lift");
    }

    @Test
    void relevanceUpvotesAndAgeMultiply() {
        // 2 × (1 + ln 101 / 4) × 0.5
        assertEquals(2.15378, Ranking.rank(2.0, 100, daysAgo(7), NOW), 1e-5);
    }

    @Test
    void relevanceDominatesUpvotesAndAgeBreaksTies() {
        // a paper found by a specific word beats a popular paper found only through its category
        double specific = Ranking.rank(10.0, 0, NOW, NOW);
        double popular = Ranking.rank(4.0, 100, NOW, NOW); // 4 × 2.154 = 8.6
        assertTrue(specific > popular, specific + " > " + popular);
        // the same relevance: 100 upvotes outweigh a week of age (2.154 × 0.5 > 1)
        assertTrue(Ranking.rank(5.0, 100, daysAgo(7), NOW) > Ranking.rank(5.0, 0, NOW, NOW));
        // but not a month (2.154 × 0.5^(30/7) = 0.11)
        assertTrue(Ranking.rank(5.0, 100, daysAgo(30), NOW) < Ranking.rank(5.0, 0, NOW, NOW));
        // twice as relevant and a week older: a tie
        assertEquals(Ranking.rank(3.0, 0, NOW, NOW), Ranking.rank(6.0, 0, daysAgo(7), NOW), 1e-12);
    }
}
