package dev.paperdigest.admin.console;

import java.util.List;

/** Stacked bars, one per category, a segment per series, each with its figure on hover. */
public final class SvgBarChart {

    /** The share of a category's band the bar fills. */
    static final double BAR = 0.7;

    private SvgBarChart() {}

    public static String render(ChartData data) {
        if (data.isEmpty()) {
            return SvgFrame.empty(data);
        }
        SvgFrame frame = new SvgFrame(data, data.largestSum());
        frame.open();
        frame.axes();
        StringBuilder svg = frame.svg;
        svg.append("<g class=\"bars\">");
        List<String> categories = data.categories();
        double width = frame.slot() * BAR;
        for (int i = 0; i < categories.size(); i++) {
            double below = 0;
            for (ChartData.Series series : data.series()) {
                long value = series.values().get(i);
                if (value == 0) {
                    continue;
                }
                svg.append("<rect x=\"")
                        .append(SvgFrame.number(frame.centre(i) - width / 2))
                        .append("\" y=\"")
                        .append(SvgFrame.number(frame.y(below + value)))
                        .append("\" width=\"")
                        .append(SvgFrame.number(width))
                        .append("\" height=\"")
                        .append(SvgFrame.number(frame.height(value)))
                        .append("\" fill=\"")
                        .append(SvgFrame.escape(series.colour()))
                        .append("\">")
                        .append(SvgFrame.title(categories.get(i), series, value))
                        .append("</rect>");
                below += value;
            }
        }
        svg.append("</g>");
        frame.legend();
        return frame.close();
    }
}
