package dev.paperdigest.papers;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans text once, where it enters: wrapped lines collapse to single spaces and HTML entities are
 * decoded exactly once. LaTeX and non-ASCII letters are kept as written.
 */
public final class PaperText {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);");
    private static final Map<String, String> NAMED =
            Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", " ");

    private PaperText() {}

    public static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        return WHITESPACE.matcher(decodeEntities(raw)).replaceAll(" ").strip();
    }

    /**
     * Only collapses whitespace, for text an XML parser has already decoded: decoding HTML entities
     * a second time would turn an abstract's literal {@code &amp;lt;} into {@code <}.
     */
    public static String collapse(String raw) {
        if (raw == null) {
            return null;
        }
        return WHITESPACE.matcher(raw).replaceAll(" ").strip();
    }

    static String decodeEntities(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String entity = m.group(1);
            String replacement;
            if (entity.startsWith("#x") || entity.startsWith("#X")) {
                replacement = codePoint(entity.substring(2), 16);
            } else if (entity.startsWith("#")) {
                replacement = codePoint(entity.substring(1), 10);
            } else {
                replacement = NAMED.get(entity);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement != null ? replacement : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String codePoint(String digits, int radix) {
        try {
            int cp = Integer.parseInt(digits, radix);
            return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
