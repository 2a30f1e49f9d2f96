package dev.paperdigest.matching;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Writes the benchmark workload as the files an operator would load: the day's 2,000 papers as
 * JSON Lines for {@code POST /api/admin/papers/import}, and N subscribers as JSON Lines for
 * {@code POST /api/admin/subscribers/import}; and prints the matches per subscriber the engine
 * finds in it (median, p90, max), so a change of workload can never pass for a speed-up.
 *
 * <p>{@code java … WorkloadFiles <subscribers> <folder>} writes {@code papers.jsonl},
 * {@code subscribers-<N>.jsonl} and {@code matches-<N>.txt} there.
 */
public final class WorkloadFiles {

    private WorkloadFiles() {}

    public static void main(String[] args) throws IOException {
        int subscribers = Integer.parseInt(args[0]);
        Path folder = Path.of(args[1]);
        Files.createDirectories(folder);
        ObjectMapper json = new ObjectMapper();
        BenchmarkWorkload workload = BenchmarkWorkload.generate();
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);

        try (BufferedWriter out = Files.newBufferedWriter(folder.resolve("papers.jsonl"), StandardCharsets.UTF_8)) {
            for (MatchablePaper paper : workload.papers) {
                ObjectNode line = json.createObjectNode();
                line.put("arxiv_id", BenchmarkWorkload.arxivId(paper.id()));
                line.put("title", paper.title() == null ? "Untitled " + paper.id() : paper.title());
                line.put("abstract", paper.abstractText());
                paper.authors().forEach(line.putArray("authors")::add);
                paper.categories().forEach(line.putArray("categories")::add);
                line.put("published", today.toString());
                out.write(json.writeValueAsString(line));
                out.newLine();
            }
        }

        List<BenchmarkWorkload.Subscription> subscriptions = workload.subscriptions(subscribers);
        List<List<Query>> people = BenchmarkWorkload.bySubscriber(subscriptions, subscribers);
        try (BufferedWriter out = Files.newBufferedWriter(
                folder.resolve("subscribers-" + subscribers + ".jsonl"), StandardCharsets.UTF_8)) {
            for (int i = 0; i < subscribers; i++) {
                ObjectNode line = json.createObjectNode();
                line.put("email", "reader-" + i + "@bench.example.org");
                for (Query query : people.get(i)) {
                    String field = switch (query.kind()) {
                        case KEYWORD -> "keywords";
                        case AUTHOR -> "authors";
                        case CATEGORY -> "categories";
                        case SIMILAR -> "papers";
                    };
                    (line.has(field) ? line.withArray(field) : line.putArray(field)).add(query.text());
                }
                line.put("frequency", "daily");
                line.put("sendHour", 8);
                line.put("timezone", "UTC");
                out.write(json.writeValueAsString(line));
                out.newLine();
            }
        }

        MatchSession session = new LuceneMatcher().index(workload.papers, Instant.now());
        int[] totals = new int[subscribers];
        for (int i = 0; i < subscribers; i++) {
            totals[i] =
                    session.best(people.get(i), MatchingBenchmark.DIGEST_SIZE).total();
        }
        int[] d = MatchingBenchmark.distribution(totals);
        long withDigest = Arrays.stream(totals).filter(t -> t > 0).count();
        String matches = String.format(
                Locale.ROOT,
                "matches per subscriber: median %d, p90 %d, max %d; %d of %d subscribers "
                        + "have at least one (a digest each)%n",
                d[0],
                d[1],
                d[2],
                withDigest,
                subscribers);
        Files.writeString(folder.resolve("matches-" + subscribers + ".txt"), matches);
        System.out.print(matches);
    }
}
