package dev.paperdigest.admin.console;

import java.util.ArrayList;
import java.util.List;

/**
 * What a chart shows: a label (its name for screen readers), the categories along the x axis (one
 * value of every series each), the series, and what to say when every value is 0.
 */
public record ChartData(String label, List<String> categories, List<Series> series, String emptyText) {

    /** One named series, a value per category, drawn in one colour (a CSS colour of ours, never input). */
    public record Series(String name, String colour, List<Long> values) {}

    /** The figures of one category, for the table beside the chart. */
    public record Row(String category, List<Cell> cells) {}

    public record Cell(String series, long value) {}

    public ChartData {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
        for (Series s : series) {
            if (s.values().size() != categories.size()) {
                throw new IllegalArgumentException("series " + s.name() + " has "
                        + s.values().size() + " values for " + categories.size() + " categories");
            }
        }
    }

    public boolean isEmpty() {
        return series.stream().flatMap(s -> s.values().stream()).allMatch(v -> v == 0);
    }

    /** The largest value of one category: the top of a line chart. */
    long largestValue() {
        return series.stream()
                .flatMap(s -> s.values().stream())
                .mapToLong(Long::longValue)
                .max()
                .orElse(0);
    }

    /** The largest sum of one category's values: the top of a stacked bar chart. */
    long largestSum() {
        long largest = 0;
        for (int i = 0; i < categories.size(); i++) {
            long sum = 0;
            for (Series s : series) {
                sum += s.values().get(i);
            }
            largest = Math.max(largest, sum);
        }
        return largest;
    }

    public List<Row> rows() {
        List<Row> rows = new ArrayList<>(categories.size());
        for (int i = 0; i < categories.size(); i++) {
            List<Cell> cells = new ArrayList<>(series.size());
            for (Series s : series) {
                cells.add(new Cell(s.name(), s.values().get(i)));
            }
            rows.add(new Row(categories.get(i), cells));
        }
        return rows;
    }
}
