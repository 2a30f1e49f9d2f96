package dev.paperdigest.matching;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link Preferences} recognise in a paper: its words, analysed as queries and the index
 * analyse them (folded, stop words dropped, plurals reduced), and its authors as surname and
 * first initial ({@code "M. Lewis"} and {@code "Mike Lewis"} are one author).
 */
record PaperFeatures(Set<String> terms, Set<String> authors) {

    static PaperFeatures of(String title, String abstractText, List<String> authors) {
        Set<String> terms = new HashSet<>(termCounts(title, abstractText, 1).keySet());
        return new PaperFeatures(terms, authorKeys(authors));
    }

    /**
     * Each word of title and abstract with how much it says about the paper: its count in the
     * abstract, a title word counting {@code titleWeight} more. In order of first appearance.
     */
    static Map<String, Integer> termCounts(String title, String abstractText, int titleWeight) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (PaperAnalysis.Token token : PaperAnalysis.ENGLISH.terms(title)) {
            counts.merge(token.term(), titleWeight, Integer::sum);
        }
        for (PaperAnalysis.Token token : PaperAnalysis.ENGLISH.terms(abstractText)) {
            counts.merge(token.term(), 1, Integer::sum);
        }
        return counts;
    }

    static Set<String> authorKeys(List<String> authors) {
        Set<String> keys = new HashSet<>();
        if (authors != null) {
            for (String author : authors) {
                String key = authorKey(author);
                if (key != null) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    /** {@code "lewis m"}; null for a name without a word. */
    static String authorKey(String author) {
        AuthorName name = author == null ? null : AuthorName.parse(author);
        if (name == null) {
            return null;
        }
        return name.given().isEmpty()
                ? name.surname()
                : name.surname() + " " + name.given().get(0).charAt(0);
    }
}
