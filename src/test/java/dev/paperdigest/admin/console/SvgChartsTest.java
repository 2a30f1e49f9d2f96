package dev.paperdigest.admin.console;

import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

@NoDatabase
class SvgChartsTest {

    private static final List<String> DAYS = List.of("2026-11-26", "2026-11-27", "2026-11-28");

    @Test
    void barsStandOnTheAxisAsTallAsTheirValues() {
        Document svg = parse(SvgBarChart.render(chart(List.of(series("sent", 10, 5, 0)))));

        List<Element> bars = elements(svg, "rect", "bars");
        assertThat("no bar for a 0", bars, hasSize(2));
        double tall = number(bars.get(0), "height");
        double half = number(bars.get(1), "height");
        assertThat(tall, closeTo(2 * half, 0.1));
        // the axis reaches 10, the largest value: the tallest bar fills the plot
        assertThat(tall, closeTo(SvgFrame.BOTTOM - SvgFrame.TOP, 0.1));
        for (Element bar : bars) {
            assertThat(number(bar, "y") + number(bar, "height"), closeTo(SvgFrame.BOTTOM, 0.1));
        }
        assertThat(number(bars.get(0), "x"), lessThan(number(bars.get(1), "x")));
    }

    @Test
    void stackedSegmentsAddUpAndEachSaysItsFigureOnHover() {
        Document svg = parse(SvgBarChart.render(chart(List.of(series("sent", 4, 0, 1), series("failed", 2, 3, 0)))));

        List<Element> bars = elements(svg, "rect", "bars");
        assertThat(bars, hasSize(4));
        Element sent = bars.get(0);
        Element failed = bars.get(1);
        // failed sits on top of sent: the axis reaches 6 (the tallest stack), 4 + 2 fill the plot
        assertThat(number(failed, "y") + number(failed, "height"), closeTo(number(sent, "y"), 0.1));
        assertThat(number(sent, "height") + number(failed, "height"), closeTo(SvgFrame.BOTTOM - SvgFrame.TOP, 0.1));
        assertEquals("2026-11-26 · sent: 4", title(sent));
        assertEquals("2026-11-26 · failed: 2", title(failed));
        assertEquals("2026-11-27 · failed: 3", title(bars.get(2)));
    }

    @Test
    void aChartIsAnImageWithANameAxesAndALegend() {
        String rendered = SvgBarChart.render(chart(List.of(series("sent", 3, 7, 1), series("failed", 0, 1, 0))));
        Element root = parse(rendered).getDocumentElement();

        assertEquals("img", root.getAttribute("role"));
        assertEquals("Digests per day", root.getAttribute("aria-label"));
        assertEquals("0 0 720 300", root.getAttribute("viewBox"));
        List<String> texts = texts(root.getOwnerDocument(), "legend");
        assertEquals(List.of("sent", "failed"), texts);
        // the axis goes from 0 to 8 (the tallest stack) in steps of 2
        assertEquals(
                List.of("0", "2", "4", "6", "8"),
                texts(root.getOwnerDocument(), "axes").subList(0, 5));
        assertThat(texts(root.getOwnerDocument(), "axes"), hasItem("2026-11-28"));
    }

    @Test
    void thirtyDaysNameSixOfThemTodayIncluded() {
        List<String> days = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            days.add("2026-11-%02d".formatted(i));
            values.add((long) i);
        }
        Document svg = parse(SvgLineChart.render(new ChartData(
                "Subscribers", days, List.of(new ChartData.Series("ACTIVE", "#067647", values)), "none")));

        List<String> named =
                texts(svg, "axes").stream().filter(t -> t.startsWith("2026-")).toList();
        assertThat(named, hasSize(6));
        assertThat(named, hasItem("2026-11-30"));
    }

    @Test
    void nothingToShowSaysSo() {
        String rendered = SvgBarChart.render(chart(List.of(series("sent", 0, 0, 0))));
        Element root = parse(rendered).getDocumentElement();

        assertThat(root.getAttribute("class"), containsString("empty"));
        assertEquals("img", root.getAttribute("role"));
        assertEquals("Digests per day: Nothing sent", root.getAttribute("aria-label"));
        assertThat(rendered, containsString(">Nothing sent</text>"));
        assertThat(rendered, not(containsString("<title>")));
        assertThat(SvgLineChart.render(chart(List.of())), containsString("Nothing sent"));
    }

    @Test
    void everyTextIsEscaped() {
        String hostile = "<script>alert('x')</script> & \"quotes\"";
        ChartData data = new ChartData(
                "Label " + hostile,
                List.of("day " + hostile, "2026-11-27"),
                List.of(new ChartData.Series("series " + hostile, "red\"/><script>alert(1)</script>", List.of(2L, 1L))),
                "empty " + hostile);

        for (String rendered : List.of(
                SvgBarChart.render(data),
                SvgLineChart.render(data),
                SvgBarChart.render(new ChartData(data.label(), data.categories(), List.of(), data.emptyText())))) {
            assertThat(rendered, not(containsString("<script")));
            // well-formed XML: nothing broke out of a text or an attribute
            Element root = parse(rendered).getDocumentElement();
            assertThat(root.getAttribute("aria-label"), containsString(hostile));
        }
        assertThat(
                SvgBarChart.render(data),
                containsString("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;"));
    }

    @Test
    void linesRunThroughTheirValuesWithAFigureAtEachDay() {
        Document svg =
                parse(SvgLineChart.render(chart(List.of(series("ACTIVE", 5, 10, 0), series("PENDING", 1, 1, 1)))));

        List<Element> dots = elements(svg, "circle", "line");
        assertThat("no dot for a 0", dots, hasSize(5));
        double halfway = (SvgFrame.TOP + SvgFrame.BOTTOM) / 2;
        assertThat(number(dots.get(0), "cy"), closeTo(halfway, 0.1));
        assertThat(number(dots.get(1), "cy"), closeTo(SvgFrame.TOP, 0.1));
        assertEquals("2026-11-27 · ACTIVE: 10", title(dots.get(1)));
        NodeList lines = svg.getElementsByTagName("polyline");
        assertEquals(2, lines.getLength());
        String[] points = ((Element) lines.item(0)).getAttribute("points").split(" ");
        assertThat(points.length, equalTo(3));
        assertThat(Double.parseDouble(points[2].split(",")[1]), closeTo(SvgFrame.BOTTOM, 0.1));
    }

    @Test
    void theAxisEndsOnARoundNumber() {
        assertEquals(1, SvgFrame.niceStep(1));
        assertEquals(1, SvgFrame.niceStep(5));
        assertEquals(2, SvgFrame.niceStep(7));
        assertEquals(2, SvgFrame.niceStep(10));
        assertEquals(5, SvgFrame.niceStep(11));
        assertEquals(200, SvgFrame.niceStep(999));
        assertEquals(20_000, SvgFrame.niceStep(100_000));
    }

    private static ChartData chart(List<ChartData.Series> series) {
        return new ChartData("Digests per day", DAYS, series, "Nothing sent");
    }

    private static ChartData.Series series(String name, long... values) {
        List<Long> list = new ArrayList<>();
        for (long v : values) {
            list.add(v);
        }
        return new ChartData.Series(name, "#2458d6", list);
    }

    static Document parse(String svg) {
        try {
            return DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed: " + svg, e);
        }
    }

    /** The elements named {@code tag} inside the group of class {@code group}. */
    private static List<Element> elements(Document svg, String tag, String group) {
        List<Element> found = new ArrayList<>();
        NodeList groups = svg.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("class").equals(group)) {
                NodeList inside = g.getElementsByTagName(tag);
                for (int j = 0; j < inside.getLength(); j++) {
                    found.add((Element) inside.item(j));
                }
            }
        }
        return found;
    }

    private static List<String> texts(Document svg, String group) {
        return elements(svg, "text", group).stream()
                .map(Element::getTextContent)
                .toList();
    }

    private static double number(Element element, String attribute) {
        return Double.parseDouble(element.getAttribute(attribute));
    }

    private static String title(Element mark) {
        return mark.getElementsByTagName("title").item(0).getTextContent();
    }
}
