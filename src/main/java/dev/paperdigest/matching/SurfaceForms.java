package dev.paperdigest.matching;

import dev.paperdigest.matching.KeywordQuery.Leaf;
import dev.paperdigest.matching.PaperAnalysis.Token;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words of each paper as written, to tell which of them a query found ("Tokenizers" and
 * "tokenizer" for {@code tokenizer}) so that digests can show and highlight them. Keeps the
 * analysed words of every title and abstract with their place in the text.
 */
final class SurfaceForms {

    private static final int TITLE_FIELD = 0;
    private static final int ABSTRACT_FIELD = 1;

    /** The analysed words of one field of one paper. */
    private record FieldTokens(String text, String[] terms, int[] positions, int[] starts, int[] ends) {
        static FieldTokens of(String text, PaperAnalysis analysis) {
            List<Token> tokens = analysis.terms(text);
            int n = tokens.size();
            FieldTokens ft =
                    new FieldTokens(text == null ? "" : text, new String[n], new int[n], new int[n], new int[n]);
            for (int i = 0; i < n; i++) {
                Token t = tokens.get(i);
                ft.terms[i] = t.term();
                ft.positions[i] = t.position();
                ft.starts[i] = t.start();
                ft.ends[i] = t.end();
            }
            return ft;
        }
    }

    private final FieldTokens[][] fields;
    private final PaperAnalysis analysis;

    SurfaceForms(int papers, PaperAnalysis analysis) {
        this.fields = new FieldTokens[papers][];
        this.analysis = analysis;
    }

    void add(int ord, String title, String abstractText) {
        fields[ord] = new FieldTokens[] {FieldTokens.of(title, analysis), FieldTokens.of(abstractText, analysis)};
    }

    /** The words of paper {@code ord} that a leaf finds, as written, each once whatever its case or accents. */
    List<String> found(Leaf leaf, int ord) {
        Map<String, String> out = new LinkedHashMap<>(); // exact forms, in order of appearance
        surfaces(leaf, ord, out);
        Map<String, String> distinct = new LinkedHashMap<>();
        for (String surface : out.keySet()) {
            distinct.putIfAbsent(TextFolding.fold(surface), surface);
        }
        return List.copyOf(distinct.values());
    }

    private void surfaces(Leaf leaf, int ord, Map<String, String> out) {
        for (int f = TITLE_FIELD; f <= ABSTRACT_FIELD; f++) {
            int mask = f == TITLE_FIELD ? KeywordQuery.IN_TITLE : KeywordQuery.IN_ABSTRACT;
            if ((leaf.fields() & mask) == 0) {
                continue;
            }
            FieldTokens ft = fields[ord][f];
            String first = leaf.terms().get(0);
            for (int i = 0; i < ft.terms.length; i++) {
                switch (leaf.kind()) {
                    case TERM -> {
                        if (ft.terms[i].equals(first)) {
                            add(out, ft.text.substring(ft.starts[i], ft.ends[i]));
                        }
                    }
                    case PREFIX -> {
                        String word = ft.text.substring(ft.starts[i], ft.ends[i]);
                        if (TextFolding.fold(word).startsWith(first)) {
                            add(out, word);
                        }
                    }
                    case PHRASE -> {
                        int end = phraseEnd(ft, i, leaf);
                        if (end >= 0) {
                            add(out, ft.text.substring(ft.starts[i], end));
                        }
                    }
                }
            }
        }
    }

    /** End offset of the phrase starting at token {@code i}, or -1. */
    private static int phraseEnd(FieldTokens ft, int i, Leaf leaf) {
        if (!ft.terms[i].equals(leaf.terms().get(0))) {
            return -1;
        }
        int at = i;
        for (int j = 1; j < leaf.terms().size(); j++) {
            int wanted = ft.positions[i] + leaf.positions().get(j);
            while (at < ft.terms.length && ft.positions[at] < wanted) {
                at++;
            }
            if (at == ft.terms.length
                    || ft.positions[at] != wanted
                    || !ft.terms[at].equals(leaf.terms().get(j))) {
                return -1;
            }
        }
        return ft.ends[at];
    }

    private static void add(Map<String, String> out, String surface) {
        // keyed by the exact form first (cheap), then folded once at the end
        out.putIfAbsent(surface, surface);
    }
}
