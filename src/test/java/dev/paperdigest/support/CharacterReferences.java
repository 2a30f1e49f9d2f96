package dev.paperdigest.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Digest HTML writes every non-ASCII character as a numeric character reference ({@code &#8220;}
 * for “); tests read it as a mail client shows it, with those references turned back into characters.
 */
public final class CharacterReferences {

    private static final Pattern NUMERIC = Pattern.compile("&#(\\d+);");

    private CharacterReferences() {}

    public static String decoded(String html) {
        if (html == null) {
            return null;
        }
        Matcher m = NUMERIC.matcher(html);
        StringBuilder out = new StringBuilder(html.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(Character.toString(Integer.parseInt(m.group(1)))));
        }
        return m.appendTail(out).toString();
    }
}
