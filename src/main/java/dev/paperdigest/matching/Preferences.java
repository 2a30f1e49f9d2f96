package dev.paperdigest.matching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one person's votes on earlier papers taught their ranking: the authors and distinctive
 * words of the papers they wanted more of count +1 each, those of the papers they wanted fewer
 * of −1, summed over their votes. The caller builds it from the voted papers' text
 * ({@link Builder}); {@link MatchSession#best(List, int, Preferences)} multiplies each matched
 * paper's rank by {@link #multiplier}, bounded to [{@value #MIN_MULTIPLIER}, {@value #MAX_MULTIPLIER}],
 * so votes reorder a digest but never add a paper to it or take one away.
 */
public final class Preferences {

    public static final Preferences NONE = new Preferences(Map.of(), Map.of());

    static final double TERM_STEP = 0.1;
    static final double AUTHOR_STEP = 0.25;
    static final double MIN_MULTIPLIER = 0.5;
    static final double MAX_MULTIPLIER = 2.0;
    /** The words of a voted paper that count: those its title and abstract say most. */
    static final int TERMS_PER_PAPER = 12;
    /** A title word says as much as this many mentions in the abstract. */
    static final int TITLE_WEIGHT = 3;
    /** Words nearly every abstract has (after analysis): they tell nothing about a paper. */
    private static final Set<String> GENERIC = Set.of(
            "model",
            "method",
            "approach",
            "result",
            "paper",
            "propose",
            "proposed",
            "show",
            "task",
            "performance",
            "using",
            "based",
            "new",
            "work",
            "data",
            "framework",
            "demonstrate",
            "achieve",
            "existing",
            "also",
            "improve",
            "improved",
            "state",
            "art",
            "large",
            "study",
            "present",
            "problem",
            "however",
            "can",
            "while",
            "well",
            "across",
            "more",
            "significantly",
            "novel",
            "two",
            "one",
            "via",
            "experiment");

    private final Map<String, Double> terms;
    private final Map<String, Double> authors;

    private Preferences(Map<String, Double> terms, Map<String, Double> authors) {
        this.terms = terms;
        this.authors = authors;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return terms.isEmpty() && authors.isEmpty();
    }

    /**
     * {@code 1 + 0.1 × (sum of the weights of the words it has) + 0.25 × (sum of the weights of
     * its authors)}, clamped to [0.5, 2].
     */
    double multiplier(PaperFeatures paper) {
        double sum = 0;
        Set<String> words = paper.terms();
        if (words.size() < terms.size()) {
            for (String word : words) {
                sum += TERM_STEP * terms.getOrDefault(word, 0.0);
            }
        } else {
            for (Map.Entry<String, Double> term : terms.entrySet()) {
                if (words.contains(term.getKey())) {
                    sum += TERM_STEP * term.getValue();
                }
            }
        }
        for (String author : paper.authors()) {
            sum += AUTHOR_STEP * authors.getOrDefault(author, 0.0);
        }
        return Math.max(MIN_MULTIPLIER, Math.min(MAX_MULTIPLIER, 1 + sum));
    }

    /** Collects votes, one paper at a time. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Double> terms = new HashMap<>();
        private final Map<String, Double> authors = new HashMap<>();

        private Builder() {}

        public Builder more(String title, String abstractText, List<String> authors) {
            return vote(title, abstractText, authors, 1);
        }

        public Builder fewer(String title, String abstractText, List<String> authors) {
            return vote(title, abstractText, authors, -1);
        }

        private Builder vote(String title, String abstractText, List<String> paperAuthors, double weight) {
            for (String term : distinctive(title, abstractText)) {
                terms.merge(term, weight, Double::sum);
            }
            for (String author : PaperFeatures.authorKeys(paperAuthors)) {
                authors.merge(author, weight, Double::sum);
            }
            return this;
        }

        public Preferences build() {
            terms.values().removeIf(w -> w == 0);
            authors.values().removeIf(w -> w == 0);
            return terms.isEmpty() && authors.isEmpty()
                    ? NONE
                    : new Preferences(Map.copyOf(terms), Map.copyOf(authors));
        }
    }

    /** The {@value #TERMS_PER_PAPER} words that say most about a paper, generic and very short words aside. */
    static List<String> distinctive(String title, String abstractText) {
        List<Map.Entry<String, Integer>> counted = new ArrayList<>(
                PaperFeatures.termCounts(title, abstractText, TITLE_WEIGHT).entrySet());
        counted.removeIf(e -> e.getKey().length() < 3 || GENERIC.contains(e.getKey()) || isNumber(e.getKey()));
        // stable: among words said as often, the first written wins
        counted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        return counted.stream().limit(TERMS_PER_PAPER).map(Map.Entry::getKey).toList();
    }

    private static boolean isNumber(String term) {
        return term.chars().allMatch(Character::isDigit);
    }
}
