package dev.paperdigest.matching;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an abstract down to a snippet around the matched terms and marks them. The result is
 * plain text fragments; templates escape each one and wrap the marked ones, so no markup from an
 * abstract ever reaches a page or an email.
 */
public final class SnippetHighlighter {

    /** A piece of snippet text; {@code marked} pieces are matched terms. */
    public record Fragment(String text, boolean marked) {
    }

    private SnippetHighlighter() {
    }

    public static List<Fragment> snippet(String text, List<String> terms, int maxChars) {
        if (text == null) {
            return List.of();
        }
        // fold character by character, remembering where each folded character came from, so
        // that folding which changes lengths (ß -> ss, æ -> ae, ligatures) still marks the right text
        StringBuilder foldedText = new StringBuilder(text.length());
        int[] origin = new int[text.length() * 4 + 1];
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            String piece = cp < 0x80 ? String.valueOf((char) Character.toLowerCase(cp)) : TextFolding.fold(text.substring(i, i + width));
            for (int k = 0; k < piece.length(); k++) {
                if (foldedText.length() >= origin.length) {
                    origin = java.util.Arrays.copyOf(origin, origin.length * 2);
                }
                origin[foldedText.length()] = i;
                foldedText.append(piece.charAt(k));
            }
            i += width;
        }
        String folded = foldedText.toString();
        boolean[] marked = new boolean[text.length()];
        int first = -1;
        for (String term : terms) {
            String needle = TextFolding.fold(term);
            if (needle.isBlank()) {
                continue;
            }
            for (int at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + 1)) {
                if (isWordStart(folded, at)) {
                    int end = wordEnd(folded, at + needle.length());
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
            start = start < 0 || first - start > maxChars / 2 ? text.lastIndexOf(' ', Math.max(0, first - maxChars / 4)) + 1 : start + 2;
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

    private static boolean isWordStart(String text, int at) {
        return at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
    }

    /** Extends a match to the end of its word, so "quantiz" marks all of "quantized" (the matcher reports whole words). */
    private static int wordEnd(String text, int from) {
        int end = from;
        while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
            end++;
        }
        return end;
    }
}
