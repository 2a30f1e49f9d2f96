package dev.paperdigest.digests;

import dev.paperdigest.matching.Query;
import dev.paperdigest.matching.QueryKind;
import dev.paperdigest.matching.RankedPapers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The papers one digest shows, best first, why each matched and the words to highlight, and how
 * many more matched: all a delivery keeps of matching, so the outbox never holds more than a
 * digest can use. Stored with the delivery as text ({@link #encode()}): a line per distinct
 * reason and per distinct word, then a line per paper naming them by number.
 */
public record Selection(List<Pick> picks, int moreCount) {

    private static final String VERSION = "v1";

    /**
     * One paper of the digest.
     *
     * @param reasons {@code KIND<tab>query} of each query that matched it ({@code SIMILAR<tab>title of the liked paper})
     * @param terms   the words of the paper that made it match, as written
     */
    public record Pick(long paperId, List<String> reasons, List<String> terms) {

        /**
         * Why it matched, as a digest says it: {@code keyword “sparse attention”}, {@code author Ada
         * Lovelace}, {@code similar to Attention Is All You Need}.
         */
        public List<String> describedReasons() {
            return reasons.stream()
                    .map(Selection::query)
                    .map(q -> switch (q.kind()) {
                        case KEYWORD -> "keyword “" + q.text() + "”";
                        case AUTHOR -> "author " + q.text();
                        case CATEGORY -> "category " + q.text();
                        case SIMILAR -> "similar to " + q.text();
                    })
                    .distinct()
                    .toList();
        }
    }

    /** The selection for ranked papers found by {@code queries} (the queries they were asked with). */
    public static Selection of(RankedPapers ranked, List<Query> queries) {
        List<Pick> picks = new ArrayList<>(ranked.top().size());
        for (RankedPapers.Ranked paper : ranked.top()) {
            List<String> reasons = new ArrayList<>(paper.queries().size());
            for (int q : paper.queries()) {
                reasons.add(reason(queries.get(q)));
            }
            picks.add(new Pick(paper.paperId(), reasons, paper.matchedTerms()));
        }
        return new Selection(List.copyOf(picks), ranked.moreCount());
    }

    static String reason(Query query) {
        // a reason is read back without the liked paper, so it names the paper by its title
        String text = query.kind() == QueryKind.SIMILAR && query.liked() != null
                ? query.liked().title().replaceAll("\\s+", " ").strip()
                : query.text();
        return query.kind().name() + "\t" + text;
    }

    static Query query(String reason) {
        int tab = reason.indexOf('\t');
        return new Query(QueryKind.valueOf(reason.substring(0, tab)), reason.substring(tab + 1));
    }

    public int totalCount() {
        return picks.size() + moreCount;
    }

    public List<Long> paperIds() {
        return picks.stream().map(Pick::paperId).toList();
    }

    public String encode() {
        Map<String, Integer> reasons = new LinkedHashMap<>();
        Map<String, Integer> terms = new LinkedHashMap<>();
        StringBuilder papers = new StringBuilder();
        for (Pick pick : picks) {
            papers.append("p\t").append(pick.paperId()).append('\t');
            numbers(papers, pick.reasons(), reasons);
            papers.append('\t');
            numbers(papers, pick.terms(), terms);
            papers.append('\n');
        }
        StringBuilder out = new StringBuilder(papers.length() + 64 * (reasons.size() + terms.size()));
        out.append(VERSION).append('\t').append(moreCount).append('\n');
        reasons.keySet().forEach(r -> out.append("r\t").append(r).append('\n'));
        terms.keySet().forEach(t -> out.append("t\t").append(t).append('\n'));
        return out.append(papers).toString();
    }

    private static void numbers(StringBuilder out, List<String> values, Map<String, Integer> table) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(table.computeIfAbsent(oneLine(values.get(i)), v -> table.size()));
        }
    }

    /** A line holds one value: a phrase found across a line break is kept with a space. */
    private static String oneLine(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r') {
                return value.replace('\n', ' ').replace('\r', ' ');
            }
        }
        return value;
    }

    /** Reads {@link #encode()}; {@link IllegalArgumentException} when the text is not a selection. */
    public static Selection decode(String text) {
        if (text == null || !text.startsWith(VERSION + "\t")) {
            throw new IllegalArgumentException("not a stored selection");
        }
        try {
            String[] lines = text.split("\n");
            int moreCount = Integer.parseInt(lines[0].substring(VERSION.length() + 1));
            List<String> reasons = new ArrayList<>();
            List<String> terms = new ArrayList<>();
            List<Pick> picks = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i];
                switch (line.charAt(0)) {
                    case 'r' -> reasons.add(line.substring(2));
                    case 't' -> terms.add(line.substring(2));
                    case 'p' -> {
                        String[] fields = line.split("\t", -1);
                        picks.add(new Pick(
                                Long.parseLong(fields[1]), lookup(fields[2], reasons), lookup(fields[3], terms)));
                    }
                    default -> throw new IllegalArgumentException("unknown line " + line.charAt(0));
                }
            }
            return new Selection(List.copyOf(picks), moreCount);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a stored selection: " + e.getMessage(), e);
        }
    }

    private static List<String> lookup(String numbers, List<String> table) {
        if (numbers.isEmpty()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (String n : numbers.split(",")) {
            values.add(table.get(Integer.parseInt(n)));
        }
        return List.copyOf(values);
    }
}
