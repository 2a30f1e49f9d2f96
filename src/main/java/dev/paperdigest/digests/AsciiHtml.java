package dev.paperdigest.digests;

/**
 * HTML with every character outside ASCII written as a numeric character reference: the same
 * page to a browser or mail client, and a string the JVM stores and encodes byte for byte, so
 * the digest's HTML part goes out as 7-bit MIME without a UTF-16 to UTF-8 pass per digest.
 * Only for markup where a reference is allowed (text and attribute values), which is all the
 * digest templates produce.
 */
final class AsciiHtml {

    private AsciiHtml() {}

    static String of(String html) {
        int first = firstNonAscii(html);
        if (first < 0) {
            return html;
        }
        StringBuilder ascii = new StringBuilder(html.length() + 64);
        ascii.append(html, 0, first);
        for (int i = first; i < html.length(); ) {
            int codePoint = html.codePointAt(i);
            if (codePoint < 0x80) {
                ascii.append((char) codePoint);
            } else {
                // a lone surrogate is no character: the replacement character stands for it
                ascii.append("&#")
                        .append(Character.isSurrogate((char) codePoint) ? 0xFFFD : codePoint)
                        .append(';');
            }
            i += Character.charCount(codePoint);
        }
        return ascii.toString();
    }

    private static int firstNonAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return i;
            }
        }
        return -1;
    }
}
