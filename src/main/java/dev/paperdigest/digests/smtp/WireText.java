package dev.paperdigest.digests.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The body of one MIME part as it goes on the wire: UTF-8 with CRLF line ends, put together from
 * {@link Piece}s, and knowing as it grows whether it can go as it is (every line at most 998
 * bytes, no NUL or bare CR; 7-bit or not). A digest is mostly pieces encoded once for a whole
 * run (the paper cards), so sending one costs copies rather than a pass over every character.
 */
public final class WireText {

    /** RFC 5322: at most 998 bytes a line, CRLF aside. */
    static final int MAX_LINE = 998;

    /** Text encoded once: its bytes with CRLF line ends, and what the checks of a part need to know of them. */
    public static final class Piece {
        final byte[] bytes;
        final int chars;
        /** Bytes before the first line break (all of them when there is none), after the last, and the longest line between. */
        final int firstLine;

        final int lastLine;
        final int longestInner;
        final boolean breaks;
        final boolean ascii;
        /** No NUL and no CR but those of the line ends made here. */
        final boolean clean;

        private Piece(
                byte[] bytes,
                int chars,
                int firstLine,
                int lastLine,
                int longestInner,
                boolean breaks,
                boolean ascii,
                boolean clean) {
            this.bytes = bytes;
            this.chars = chars;
            this.firstLine = firstLine;
            this.lastLine = lastLine;
            this.longestInner = longestInner;
            this.breaks = breaks;
            this.ascii = ascii;
            this.clean = clean;
        }

        /** {@code text} with each line end ({@code \n} or CRLF) written as CRLF. */
        public static Piece of(String text) {
            if (text.indexOf('\r') >= 0) {
                text = text.replace("\r\n", "\n");
            }
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            int lineFeeds = 0;
            for (int at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
                lineFeeds++;
            }
            boolean clean = text.indexOf('\r') < 0 && text.indexOf('\0') < 0;
            boolean ascii = utf8.length == text.length();
            if (lineFeeds == 0) {
                return new Piece(utf8, text.length(), utf8.length, utf8.length, 0, false, ascii, clean);
            }
            byte[] bytes = new byte[utf8.length + lineFeeds];
            int to = 0;
            int lineStart = 0;
            int firstLine = -1;
            int longestInner = 0;
            for (int from = 0; from < utf8.length; ) {
                // in ASCII a character is a byte: the string's own (fast) search finds the line ends
                int end = ascii ? text.indexOf('\n', from) : indexOfLineFeed(utf8, from);
                if (end < 0) {
                    end = utf8.length;
                }
                System.arraycopy(utf8, from, bytes, to, end - from);
                to += end - from;
                if (end == utf8.length) {
                    break;
                }
                int length = to - lineStart;
                if (firstLine < 0) {
                    firstLine = length;
                } else {
                    longestInner = Math.max(longestInner, length);
                }
                bytes[to++] = '\r';
                bytes[to++] = '\n';
                lineStart = to;
                from = end + 1;
            }
            return new Piece(bytes, text.length(), firstLine, to - lineStart, longestInner, true, ascii, clean);
        }

        private static int indexOfLineFeed(byte[] bytes, int from) {
            for (int i = from; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }
    }

    private byte[] buffer;
    private int size;
    private int chars;
    private int line;
    private boolean linesFit = true;
    private boolean ascii = true;
    private boolean clean = true;

    public WireText(int capacity) {
        buffer = new byte[capacity];
    }

    /** A whole part in one piece. */
    public static WireText of(String text) {
        Piece piece = Piece.of(text);
        return new WireText(piece.bytes.length).append(piece);
    }

    public WireText append(Piece piece) {
        ensure(piece.bytes.length);
        System.arraycopy(piece.bytes, 0, buffer, size, piece.bytes.length);
        size += piece.bytes.length;
        chars += piece.chars;
        ascii &= piece.ascii;
        clean &= piece.clean;
        if (piece.breaks) {
            linesFit &= line + piece.firstLine <= MAX_LINE && piece.longestInner <= MAX_LINE;
            line = piece.lastLine;
        } else {
            line += piece.firstLine;
        }
        linesFit &= line <= MAX_LINE;
        return this;
    }

    /** Appends text made for this part alone (a link, a list of reasons). */
    public WireText append(String text) {
        return append(Piece.of(text));
    }

    /** Lines of at most 998 bytes, no NUL or bare CR: it can go as it is (8-bit only where the server takes it). */
    boolean sendableAsIs() {
        return linesFit && clean;
    }

    boolean ascii() {
        return ascii;
    }

    /** Characters of the text it holds, line ends counted as one. */
    public int chars() {
        return chars;
    }

    int size() {
        return size;
    }

    byte[] buffer() {
        return buffer;
    }

    /** The text with LF line ends: what a template would have rendered. */
    public String text() {
        return new String(buffer, 0, size, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
