package dev.paperdigest.digests.smtp;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An email as the bytes an SMTP server takes: headers, then a multipart/alternative body with a
 * plain-text and an HTML part in UTF-8. A part goes as it is (7bit, or 8bit where the server
 * takes 8BITMIME) when its lines fit the 998-byte limit, else in quoted-printable: encoding every
 * byte of a digest cost more than rendering it. Header values that are not plain ASCII are
 * written as RFC 2047 encoded words; no value may carry a line break (that would be header
 * injection). Line ends are CRLF throughout.
 */
public final class MimeWriter {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_LINE = 76;

    private final Map<String, String> headers = new LinkedHashMap<>();

    /** Adds a header; an address header ({@code From}, {@code To}) keeps its {@code <address>} as it is. */
    public MimeWriter header(String name, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(name + " contains a line break");
        }
        headers.put(name, value);
        return this;
    }

    /** The message with both parts in quoted-printable where they are not plain ASCII: for any server. */
    public byte[] write(String text, String html, ZonedDateTime date) {
        return write(text, html, date, false);
    }

    /** @param eightBit the server takes 8-bit text (it offers 8BITMIME) */
    public byte[] write(String text, String html, ZonedDateTime date, boolean eightBit) {
        return write(WireText.of(text), WireText.of(html), date, eightBit);
    }

    /** The message from parts already in their wire form: copied as they are wherever they may go so. */
    public byte[] write(WireText text, WireText html, ZonedDateTime date, boolean eightBit) {
        String boundary = boundary();
        Bytes out = new Bytes(text.size() + html.size() + text.size() / 8 + html.size() / 8 + 2048);
        head(out, date, boundary);
        part(out, boundary, "text/plain; charset=UTF-8", text, eightBit);
        part(out, boundary, "text/html; charset=UTF-8", html, eightBit);
        line(out, "--" + boundary + "--");
        return out.toByteArray();
    }

    private static String boundary() {
        return "=_pd_" + Long.toHexString(RANDOM.nextLong()) + Long.toHexString(RANDOM.nextLong());
    }

    private void head(Bytes out, ZonedDateTime date, String boundary) {
        line(out, "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(date));
        headers.forEach((name, value) -> line(out, name + ": " + encodeHeader(name, value)));
        line(out, "MIME-Version: 1.0");
        line(out, "Content-Type: multipart/alternative;\r\n boundary=\"" + boundary + "\"");
        line(out, "");
    }

    private static void part(Bytes out, String boundary, String contentType, WireText content, boolean eightBit) {
        line(out, "--" + boundary);
        line(out, "Content-Type: " + contentType);
        boolean asIs = content.sendableAsIs() && (content.ascii() || eightBit);
        line(out, "Content-Transfer-Encoding: " + (!asIs ? "quoted-printable" : content.ascii() ? "7bit" : "8bit"));
        line(out, "");
        if (asIs) {
            out.write(content.buffer(), 0, content.size());
        } else {
            quotedPrintable(out, content.buffer(), content.size());
        }
        line(out, "");
    }

    /** Bytes written as they are in quoted-printable: printable ASCII but {@code =}; spaces and tabs unless they end a line. */
    private static final boolean[] LITERAL = new boolean[256];

    static {
        for (int b = 33; b <= 126; b++) {
            LITERAL[b] = b != '=';
        }
    }

    /** RFC 2045 6.7: lines of at most 76, soft breaks ending in {@code =}, line ends kept as CRLF. */
    static void quotedPrintable(Bytes out, byte[] bytes, int n) {
        byte[] buffer = out.reserve(n * 3 + n / 24 * 3 + 3);
        int at = out.size;
        int column = 0;
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xff;
            if (b == '\n' || b == '\r' && i + 1 < n && bytes[i + 1] == '\n') {
                if (b == '\r') {
                    i++;
                }
                buffer[at++] = '\r';
                buffer[at++] = '\n';
                column = 0;
                continue;
            }
            boolean lineEnds = i + 1 == n || bytes[i + 1] == '\n' || bytes[i + 1] == '\r';
            boolean literal = LITERAL[b] || (b == ' ' || b == '\t') && !lineEnds;
            int width = literal ? 1 : 3;
            if (column + width > MAX_LINE - 1 && !(lineEnds && column + width <= MAX_LINE)) {
                buffer[at++] = '=';
                buffer[at++] = '\r';
                buffer[at++] = '\n';
                column = 0;
            }
            if (literal) {
                buffer[at++] = (byte) b;
            } else {
                buffer[at++] = '=';
                buffer[at++] = HEX[b >> 4];
                buffer[at++] = HEX[b & 0xf];
            }
            column += width;
        }
        out.size = at;
    }

    /** Plain ASCII as it is; anything else as RFC 2047 Q encoded words (the address of From/To left readable). */
    static String encodeHeader(String name, String value) {
        if (value.chars().allMatch(c -> c >= 32 && c < 127)) {
            return value;
        }
        boolean address =
                name.equalsIgnoreCase("From") || name.equalsIgnoreCase("To") || name.equalsIgnoreCase("Reply-To");
        int angle = value.lastIndexOf('<');
        int used = name.length() + 2;
        if (address && angle > 0) {
            return encodedWords(value.substring(0, angle).strip(), used) + " " + value.substring(angle);
        }
        return encodedWords(value, used);
    }

    /**
     * Encoded words of at most 75 characters each, folded onto continuation lines of at most 76;
     * {@code used} characters of the first line are taken by the header's name.
     */
    static String encodedWords(String text, int used) {
        StringBuilder words = new StringBuilder();
        StringBuilder word = new StringBuilder();
        int room = Math.min(75, 76 - used);
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            String encoded = qEncode(new String(Character.toChars(codePoint)));
            if (word.length() + encoded.length() > room - "=?UTF-8?Q??=".length() && !word.isEmpty()) {
                words.append(words.isEmpty() ? "" : "\r\n ")
                        .append("=?UTF-8?Q?")
                        .append(word)
                        .append("?=");
                word.setLength(0);
                room = 75;
            }
            word.append(encoded);
            i += Character.charCount(codePoint);
        }
        if (!word.isEmpty()) {
            words.append(words.isEmpty() ? "" : "\r\n ")
                    .append("=?UTF-8?Q?")
                    .append(word)
                    .append("?=");
        }
        return words.toString();
    }

    private static String qEncode(String character) {
        StringBuilder out = new StringBuilder();
        for (byte raw : character.getBytes(StandardCharsets.UTF_8)) {
            int b = raw & 0xff;
            if (b == ' ') {
                out.append('_');
            } else if (b > 32 && b < 127 && b != '=' && b != '?' && b != '_' && b != '"') {
                out.append((char) b);
            } else {
                out.append('=').append((char) HEX[b >> 4]).append((char) HEX[b & 0xf]);
            }
        }
        return out.toString();
    }

    private static void line(Bytes out, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        out.write('\r');
        out.write('\n');
    }

    /** A growable byte array without the locking of {@link java.io.ByteArrayOutputStream}: the writer's inner loop. */
    static final class Bytes {
        private byte[] buffer;
        private int size;

        Bytes(int capacity) {
            buffer = new byte[capacity];
        }

        void write(int b) {
            if (size == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            buffer[size++] = (byte) b;
        }

        void write(byte[] bytes, int from, int length) {
            if (size + length > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + length));
            }
            System.arraycopy(bytes, from, buffer, size, length);
            size += length;
        }

        /** Room for {@code more} bytes at {@code size}: the array to write them into directly. */
        byte[] reserve(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
            return buffer;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer, size);
        }
    }
}
