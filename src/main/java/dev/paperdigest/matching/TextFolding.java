package dev.paperdigest.matching;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Case- and accent-insensitive text, so "Łukasz" and "lukasz" compare equal. */
public final class TextFolding {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private TextFolding() {
    }

    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        String stripped = COMBINING_MARKS.matcher(decomposed).replaceAll("");
        StringBuilder out = new StringBuilder(stripped.length());
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            switch (c) {
                // letters that do not decompose into base letter + mark
                case 'ł', 'Ł' -> out.append('l');
                case 'ø', 'Ø' -> out.append('o');
                case 'đ', 'Đ' -> out.append('d');
                case 'ß' -> out.append("ss");
                case 'æ', 'Æ' -> out.append("ae");
                case 'œ', 'Œ' -> out.append("oe");
                case 'ı' -> out.append('i');
                default -> out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
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
}
