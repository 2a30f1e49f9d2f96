package dev.paperdigest.admin.console;

import java.util.List;

/**
 * A line per series through its value at each category, with a dot that shows the figure on hover
 * where it is not 0 (lines along 0 would hide each other's dots anyway).
 */
public final class SvgLineChart {

    private SvgLineChart() {}

    public static String render(ChartData data) {
        if (data.isEmpty()) {
            return SvgFrame.empty(data);
        }
        SvgFrame frame = new SvgFrame(data, data.largestValue());
        frame.open();
        frame.axes();
        StringBuilder svg = frame.svg;
        List<String> categories = data.categories();
        for (ChartData.Series series : data.series()) {
            String colour = SvgFrame.escape(series.colour());
            svg.append("<g class=\"line\"><polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
                    .append(colour)
                    .append("\" points=\"");
            for (int i = 0; i < categories.size(); i++) {
                svg.append(i == 0 ? "" : " ")
                        .append(SvgFrame.number(frame.centre(i)))
                        .append(',')
                        .append(SvgFrame.number(frame.y(series.values().get(i))));
            }
            svg.append("\"/>");
            for (int i = 0; i < categories.size(); i++) {
                long value = series.values().get(i);
                if (value == 0) {
                    continue;
                }
                svg.append("<circle r=\"3\" cx=\"")
                        .append(SvgFrame.number(frame.centre(i)))
                        .append("\" cy=\"")
                        .append(SvgFrame.number(frame.y(value)))
                        .append("\" fill=\"")
                        .append(colour)
                        .append("\">")
                        .append(SvgFrame.title(categories.get(i), series, value))
                        .append("</circle>");
            }
            svg.append("</g>");
        }
        frame.legend();
        return frame.close();
    }
}
