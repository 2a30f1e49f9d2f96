package dev.paperdigest.digests;

import io.quarkus.qute.RawString;

/**
 * HTML with every character outside ASCII written as a numeric character reference: the same
 * page to a browser or mail client, and a string the JVM stores and encodes byte for byte, so
 * the digest's HTML part goes out as 7-bit MIME without a UTF-16 to UTF-8 pass per digest.
 * Only for markup where a reference is allowed (text and attribute values), which is all the
 * digest templates produce.
 */
final class AsciiHtml {

    private AsciiHtml() {}

    /**
     * Text as HTML: escaped as Qute escapes it, and ASCII. For the few values a digest's template
     * shows around the cards (its subject, the reasons): rendered as they are, they would turn
     * the whole page into a two-byte string for one quotation mark.
     */
    static RawString escaped(String text) {
        int first = firstToEscape(text);
        if (first < 0) {
            return new RawString(text);
        }
        StringBuilder html = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); ) {
            int c = text.codePointAt(i);
            switch (c) {
                case '&' -> html.append("&amp;");
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '"' -> html.append("&quot;");
                case '\'' -> html.append("&#39;");
                default -> {
                    if (c < 0x80) {
                        html.append((char) c);
                    } else {
                        reference(html, c);
                    }
                }
            }
            i += Character.charCount(c);
        }
        return new RawString(html.toString());
    }

    static String of(String html) {
        int first = firstNonAscii(html);
        if (first < 0) {
            return html;
        }
        StringBuilder ascii = new StringBuilder(html.length() + 64);
        int from = 0;
        for (int at = first; at >= 0; at = nextNonAscii(html, from)) {
            ascii.append(html, from, at);
            int codePoint = html.codePointAt(at);
            reference(ascii, codePoint);
            from = at + Character.charCount(codePoint);
        }
        return ascii.append(html, from, html.length()).toString();
    }

    /** A numeric character reference; a lone surrogate is no character, the replacement character stands for it. */
    private static void reference(StringBuilder html, int codePoint) {
        boolean lone = Character.isBmpCodePoint(codePoint) && Character.isSurrogate((char) codePoint);
        html.append("&#").append(lone ? 0xFFFD : codePoint).append(';');
    }

    /** Most values (links, plain words) need no escaping: written as they are, without a copy. */
    private static int firstToEscape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'') {
                return i;
            }
        }
        return -1;
    }

    private static int firstNonAscii(String text) {
        return nextNonAscii(text, 0);
    }

    private static int nextNonAscii(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return i;
            }
        }
        return -1;
    }
}
