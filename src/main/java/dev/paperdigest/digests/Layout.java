package dev.paperdigest.digests;

import dev.paperdigest.digests.smtp.WireText;
import dev.paperdigest.digests.smtp.WireText.Piece;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A template's rendering with holes where values go, encoded for the wire once: the template is
 * rendered with {@link #hole} marks standing for the values (a reader's links, say), cut at the
 * marks, and each time it is shown the pieces are copied out with the values written between them.
 * The marks are plain ASCII that no escaping changes and no text of a digest can contain.
 */
final class Layout {

    private static final String MARK = "hole-" + UUID.randomUUID() + "-";

    /** Writes the value of a hole, where the layout has it, to the text being written. */
    @FunctionalInterface
    interface Values {
        void write(int hole);
    }

    private final Piece[] pieces;
    private final int[] holes;

    private Layout(Piece[] pieces, int[] holes) {
        this.pieces = pieces;
        this.holes = holes;
    }

    /** The mark that stands for hole {@code id} in a rendering. */
    static String hole(int id) {
        return MARK + id + ".";
    }

    /** Text without holes, whatever it reads like. */
    static Layout constant(String text) {
        return new Layout(new Piece[] {Piece.of(text)}, new int[0]);
    }

    static Layout of(String rendered) {
        List<Piece> pieces = new ArrayList<>();
        List<Integer> holes = new ArrayList<>();
        int from = 0;
        for (int at = rendered.indexOf(MARK); at >= 0; at = rendered.indexOf(MARK, from)) {
            pieces.add(Piece.of(rendered.substring(from, at)));
            int end = rendered.indexOf('.', at + MARK.length());
            holes.add(Integer.parseInt(rendered, at + MARK.length(), end, 10));
            from = end + 1;
        }
        pieces.add(Piece.of(rendered.substring(from)));
        return new Layout(
                pieces.toArray(Piece[]::new),
                holes.stream().mapToInt(Integer::intValue).toArray());
    }

    void write(WireText out, Values values) {
        for (int i = 0; i < holes.length; i++) {
            out.append(pieces[i]);
            values.write(holes[i]);
        }
        out.append(pieces[holes.length]);
    }

    /** How many times hole {@code id} comes in the layout. */
    int count(int id) {
        int count = 0;
        for (int hole : holes) {
            count += hole == id ? 1 : 0;
        }
        return count;
    }
}
