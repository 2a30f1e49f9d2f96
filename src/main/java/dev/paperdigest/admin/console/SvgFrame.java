package dev.paperdigest.admin.console;

import java.util.List;
import java.util.Locale;

/**
 * What the bar and line charts share: an SVG of a fixed view box that scales to the width it is
 * given, a y axis from 0 to a round number with grid lines, every few categories named along the
 * x axis, a legend, and an empty state. Every text that goes in is escaped.
 */
final class SvgFrame {

    static final int WIDTH = 720;
    static final int HEIGHT = 300;
    static final double LEFT = 64;
    /** Room on the right for half of the last day's name, which stands under the last band. */
    static final double RIGHT = WIDTH - 40;

    static final double TOP = 16;
    static final double BOTTOM = 232;
    /** At most this many categories are named along the x axis; the last one always is. */
    static final int X_LABELS = 6;

    private static final int MAX_TICKS = 5;

    private final ChartData data;
    private final long top;
    private final long step;
    final StringBuilder svg = new StringBuilder(8192);

    /** A frame whose y axis reaches {@code largest} (at least 1). */
    SvgFrame(ChartData data, long largest) {
        this.data = data;
        this.step = niceStep(Math.max(1, largest));
        this.top = Math.max(1, ceilDiv(Math.max(1, largest), step)) * step;
    }

    /** The smallest of 1, 2, 5, 10, 20, 50… that reaches {@code largest} in at most {@value #MAX_TICKS} steps. */
    static long niceStep(long largest) {
        long magnitude = 1;
        while (true) {
            for (long factor : new long[] {1, 2, 5}) {
                long step = factor * magnitude;
                if (ceilDiv(largest, step) <= MAX_TICKS) {
                    return step;
                }
            }
            magnitude *= 10;
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    long top() {
        return top;
    }

    /** The width of the band of one category. */
    double slot() {
        return (RIGHT - LEFT) / data.categories().size();
    }

    /** The middle of category {@code i}. */
    double centre(int i) {
        return LEFT + slot() * (i + 0.5);
    }

    /** Where a value lies on the y axis. */
    double y(double value) {
        return BOTTOM - (BOTTOM - TOP) * value / top;
    }

    /** How tall a value stands above 0. */
    double height(double value) {
        return (BOTTOM - TOP) * value / top;
    }

    void open() {
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"")
                .append(escape(data.label()))
                .append("\" font-family=\"system-ui, sans-serif\" font-size=\"12\">");
    }

    void axes() {
        svg.append("<g class=\"axes\" fill=\"#5b6573\">");
        for (long tick = 0; tick <= top; tick += step) {
            double y = y(tick);
            svg.append("<line x1=\"")
                    .append(number(LEFT))
                    .append("\" x2=\"")
                    .append(number(RIGHT))
                    .append("\" y1=\"")
                    .append(number(y))
                    .append("\" y2=\"")
                    .append(number(y))
                    .append("\" stroke=\"")
                    .append(tick == 0 ? "#5b6573" : "#e3e6ea")
                    .append("\"/>");
            svg.append("<text x=\"")
                    .append(number(LEFT - 8))
                    .append("\" y=\"")
                    .append(number(y + 4))
                    .append("\" text-anchor=\"end\">")
                    .append(String.format(Locale.ROOT, "%,d", tick))
                    .append("</text>");
        }
        List<String> categories = data.categories();
        int every = Math.max(1, (categories.size() + X_LABELS - 1) / X_LABELS);
        for (int i = categories.size() - 1; i >= 0; i -= every) {
            svg.append("<text x=\"")
                    .append(number(centre(i)))
                    .append("\" y=\"")
                    .append(number(BOTTOM + 18))
                    .append("\" text-anchor=\"middle\">")
                    .append(escape(categories.get(i)))
                    .append("</text>");
        }
        svg.append("</g>");
    }

    void legend() {
        svg.append("<g class=\"legend\">");
        double x = LEFT;
        double y = HEIGHT - 24;
        for (ChartData.Series series : data.series()) {
            svg.append("<rect x=\"")
                    .append(number(x))
                    .append("\" y=\"")
                    .append(number(y))
                    .append("\" width=\"12\" height=\"12\" rx=\"2\" fill=\"")
                    .append(escape(series.colour()))
                    .append("\"/><text x=\"")
                    .append(number(x + 18))
                    .append("\" y=\"")
                    .append(number(y + 11))
                    .append("\">")
                    .append(escape(series.name()))
                    .append("</text>");
            x += 40 + 7.5 * series.name().length();
        }
        svg.append("</g>");
    }

    /** The text a mark shows on hover: {@code 2026-11-28 · sent: 12}. */
    static String title(String category, ChartData.Series series, long value) {
        return "<title>" + escape(category + " · " + series.name() + ": " + String.format(Locale.ROOT, "%,d", value))
                + "</title>";
    }

    String close() {
        return svg.append("</svg>").toString();
    }

    /** The chart of no data: the frame with a sentence in the middle. */
    static String empty(ChartData data) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart empty\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT
                + "\" width=\"" + WIDTH + "\" height=\"" + HEIGHT + "\" role=\"img\" aria-label=\""
                + escape(data.label() + ": " + data.emptyText())
                + "\" font-family=\"system-ui, sans-serif\" font-size=\"14\">"
                + "<rect x=\"" + number(LEFT) + "\" y=\"" + number(TOP) + "\" width=\"" + number(RIGHT - LEFT)
                + "\" height=\"" + number(BOTTOM - TOP) + "\" fill=\"#fafbfc\" stroke=\"#e3e6ea\"/>"
                + "<text x=\"" + number((LEFT + RIGHT) / 2) + "\" y=\"" + number((TOP + BOTTOM) / 2)
                + "\" text-anchor=\"middle\" fill=\"#5b6573\">" + escape(data.emptyText()) + "</text></svg>";
    }

    static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Text and attribute values alike. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
