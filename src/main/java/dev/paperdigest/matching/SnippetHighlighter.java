package dev.paperdigest.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts an abstract down to a snippet around the matched terms and marks them. The result is
 * plain text fragments; templates escape each one and wrap the marked ones, so no markup from an
 * abstract ever reaches a page or an email.
 */
public final class SnippetHighlighter {

    /** A piece of snippet text; {@code marked} pieces are matched terms. */
    public record Fragment(String text, boolean marked) {}

    private SnippetHighlighter() {}

    public static List<Fragment> snippet(String text, List<String> terms, int maxChars) {
        return prepare(text).snippet(terms, maxChars);
    }

    /** A text folded once, for snippets with any terms: the costly part when one text is shown many times. */
    public static Prepared prepare(String text) {
        return new Prepared(text == null ? "" : text);
    }

    /** A text and its folded form, remembering where each folded character came from. */
    public static final class Prepared {
        private final String text;
        private final String folded;
        private final int[] origin;

        private Prepared(String text) {
            this.text = text;
            // fold character by character, so that folding which changes lengths (ß -> ss, æ -> ae,
            // ligatures) still marks the right text
            StringBuilder foldedText = new StringBuilder(text.length());
            int[] from = new int[text.length() + 16];
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                int width = Character.charCount(cp);
                if (cp < 0x80) {
                    from = room(from, foldedText.length());
                    from[foldedText.length()] = i;
                    foldedText.append((char) Character.toLowerCase(cp));
                } else {
                    String piece = TextFolding.fold(text.substring(i, i + width));
                    for (int k = 0; k < piece.length(); k++) {
                        from = room(from, foldedText.length());
                        from[foldedText.length()] = i;
                        foldedText.append(piece.charAt(k));
                    }
                }
                i += width;
            }
            this.folded = foldedText.toString();
            this.origin = Arrays.copyOf(from, folded.length());
        }

        private static int[] room(int[] array, int index) {
            return index < array.length ? array : Arrays.copyOf(array, array.length * 2);
        }

        /** At most {@code maxChars} of the text around the first matched term, the terms marked where they are whole words. */
        public List<Fragment> snippet(List<String> terms, int maxChars) {
            if (text.isEmpty()) {
                return List.of();
            }
            boolean[] marked = new boolean[text.length()];
            int first = -1;
            for (String term : terms) {
                String needle = TextFolding.fold(term);
                if (needle.isBlank()) {
                    continue;
                }
                for (int at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + 1)) {
                    int end = at + needle.length();
                    if (isWordStart(folded, at) && isWordEnd(folded, end)) {
                        int from = origin[at];
                        int to = end < folded.length() ? origin[end] : text.length();
                        for (int i = from; i < to; i++) {
                            marked[i] = true;
                        }
                        first = first < 0 ? from : Math.min(first, from);
                    }
                }
            }
            int start = 0;
            if (first > maxChars / 3) {
                start = text.lastIndexOf(". ", first);
                start = start < 0 || first - start > maxChars / 2
                        ? text.lastIndexOf(' ', Math.max(0, first - maxChars / 4)) + 1
                        : start + 2;
            }
            int end = Math.min(text.length(), start + maxChars);
            if (end < text.length()) {
                int space = text.lastIndexOf(' ', end);
                end = space > start ? space : end;
            }
            List<Fragment> fragments = new ArrayList<>();
            if (start > 0) {
                fragments.add(new Fragment("… ", false));
            }
            int runStart = start;
            for (int i = start + 1; i <= end; i++) {
                if (i == end || marked[i] != marked[runStart]) {
                    fragments.add(new Fragment(text.substring(runStart, i), marked[runStart]));
                    runStart = i;
                }
            }
            if (end < text.length()) {
                fragments.add(new Fragment(" …", false));
            }
            return fragments;
        }
    }

    private static boolean isWordStart(String text, int at) {
        return at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
    }

    /**
     * Only whole words are marked: the matcher reports each word it found as written, and
     * "token" found in a paper must not mark its "tokenization", which the query did not find.
     */
    private static boolean isWordEnd(String text, int at) {
        return at == text.length() || !Character.isLetterOrDigit(text.charAt(at));
    }
}
