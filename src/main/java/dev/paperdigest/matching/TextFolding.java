package dev.paperdigest.matching;

import org.apache.lucene.analysis.CharacterUtils;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Case- and accent-insensitive text, so "Łukasz" and "lukasz", "Müller" and "muller", "Straße"
 * and "strasse" compare equal: lower case, then Lucene's ASCII folding. It is one rule for all of
 * matching: the analyzers fold the words they index and search with {@link #filter}, and author
 * names, prefixes and the highlighter fold plain text with {@link #fold}, so that what a query
 * finds and what a digest marks agree.
 */
public final class TextFolding {

    /** Marks stay inside a word: ASCII folding leaves a separately written accent in place, as the index does. */
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{M}\\p{N}]+");

    private TextFolding() {}

    /**
     * The text folded as the analyzers fold a word. Each character folds on its own, whatever
     * surrounds it, so a text folded piece by piece is the text folded whole.
     */
    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        if (isAscii(text)) {
            return text.toLowerCase(Locale.ROOT); // the same for ASCII, and no copy when already lower case
        }
        char[] chars = text.toCharArray();
        CharacterUtils.toLowerCase(chars, 0, chars.length); // what LowerCaseFilter does
        char[] folded = new char[4 * chars.length]; // ASCII folding writes at most four characters for one
        return new String(folded, 0, ASCIIFoldingFilter.foldToASCII(chars, 0, folded, 0, chars.length));
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Folded words of a text, in order. */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : NON_WORD.split(fold(text))) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /** The same rule for an analyzer's words. */
    static TokenStream filter(TokenStream words) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(words));
    }
}
