package dev.paperdigest.papers.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paperdigest.common.ImportReport;
import dev.paperdigest.common.RunStatus;
import dev.paperdigest.papers.ArxivAtomParser;
import dev.paperdigest.papers.HfDailyPapersParser;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.papers.PaperFeedParser;
import dev.paperdigest.papers.PaperImporter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Figure 3 of docs/PERFORMANCE.md: 10,000 arXiv entries and 10,000 Hugging Face items parsed and
 * stored, and a 2,500-entry arXiv day through the whole run (HTTP from a local WireMock, pages of
 * 2,000, no politeness delay), on H2 or PostgreSQL depending on the surefire pass. Not part of the
 * normal build (tag {@code benchmark}); the command is in docs/PERFORMANCE.md.
 */
@QuarkusTest
@Tag("benchmark")
@WithTestResource(IngestionBenchmarkResource.class)
class IngestionBenchmark {

    static final int ENTRIES = Integer.getInteger("bench.entries", 10_000);
    static final int DAY = 2_500;
    static final int RUNS = Integer.getInteger("bench.runs", 5);
    static final String[] OTHER_CS = {
        "cs.RO", "cs.IR", "cs.SE", "cs.CR", "cs.HC", "cs.NE", "cs.DC", "cs.SD", "cs.MA", "cs.DB"
    };
    static final String[] FIRST = {
        "Ana", "Bo", "Chen", "Dana", "Émile", "Farid", "Grete", "Hiro", "Ilse", "Jonas", "Kirsi", "Luca", "Maël", "Nia",
        "Óscar", "Priya"
    };
    static final String[] LAST = {
        "Núñez",
        "Li",
        "Wu",
        "Schmidt",
        "Kowalski",
        "Sato",
        "Haddad",
        "Olsen",
        "Rossi",
        "Dubois",
        "Yilmaz",
        "Novák",
        "Singh",
        "García",
        "Møller",
        "Zhang"
    };

    @Inject
    PaperImporter importer;

    @Inject
    ArxivAtomParser arxivParser;

    @Inject
    HfDailyPapersParser hfParser;

    @Inject
    ObjectMapper mapper;

    record Seed(String title, String abstractText, List<String> authors) {}

    @Test
    void figure3() throws Exception {
        List<Seed> seeds = seeds();
        byte[] atom = atom(seeds, ENTRIES, 0, ENTRIES);
        byte[] hf = hfJson(seeds, ENTRIES);
        StringBuilder report = new StringBuilder();
        String db = System.getProperty("quarkus.datasource.db-kind", "h2");
        report.append("database: ")
                .append(db)
                .append(", entries: ")
                .append(ENTRIES)
                .append(", runs: ")
                .append(RUNS)
                .append(" (+1 warm-up), atom ")
                .append(atom.length / 1024)
                .append(" kB, hf json ")
                .append(hf.length / 1024)
                .append(" kB\n");
        report.append(measure("arXiv Atom  parse+store " + ENTRIES, () -> importInto(arxivParser, atom, ENTRIES)));
        report.append(measure("HF JSON     parse+store " + ENTRIES, () -> importInto(hfParser, hf, ENTRIES)));
        report.append(measure(
                "HF JSON     re-import (all unchanged) " + ENTRIES,
                () -> {
                    ImportReport r = importer.importDocument(hfParser, new ByteArrayInputStream(hf));
                    assertEquals(ENTRIES, r.skipped);
                },
                false));
        report.append(measure("arXiv day   HTTP+parse+store+run " + DAY + " (pages of 2000)", this::arxivDay));
        System.out.println("\n==== Figure 3: ingestion ====\n" + report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "benchmark-ingestion-" + db + ".txt"), report.toString());
    }

    private void importInto(PaperFeedParser parser, byte[] document, int expected) {
        ImportReport r = importer.importDocument(parser, new ByteArrayInputStream(document));
        assertEquals(expected, r.created, "created");
    }

    private void arxivDay() throws Exception {
        List<Seed> seeds = seeds();
        IngestionWireMock.server.resetAll();
        Instant now = Instant.now();
        IngestionWireMock.server.stubFor(get(urlPathEqualTo("/api/query"))
                .withQueryParam("start", equalTo("0"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/atom+xml")
                        .withBody(atomDay(seeds, now, 0, 2000))));
        IngestionWireMock.server.stubFor(get(urlPathEqualTo("/api/query"))
                .withQueryParam("start", equalTo("2000"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/atom+xml")
                        .withBody(atomDay(seeds, now, 2000, DAY))));
        Instant t0 = Instant.now();
        long id = service.start("arxiv", LocalDate.now(), false);
        service.await(id, Duration.ofMinutes(5));
        IngestionRun run = service.find(id).orElseThrow();
        assertEquals(RunStatus.SUCCEEDED, run.status, run.error);
        assertEquals(DAY, run.created);
    }

    @Inject
    IngestionService service;

    private byte[] atomDay(List<Seed> seeds, Instant now, int from, int to) {
        return atom(seeds, DAY, from, to, now);
    }

    interface Step {
        void run() throws Exception;
    }

    private String measure(String what, Step step) throws Exception {
        return measure(what, step, true);
    }

    /** One warm-up and RUNS measured runs, each on an empty paper table unless {@code fresh} is false. */
    private String measure(String what, Step step, boolean fresh) throws Exception {
        double[] seconds = new double[RUNS];
        for (int i = -1; i < RUNS; i++) {
            if (fresh) {
                QuarkusTransaction.requiringNew().run(() -> Paper.deleteAll());
            }
            System.gc();
            long start = System.nanoTime();
            step.run();
            double s = (System.nanoTime() - start) / 1e9;
            if (i >= 0) {
                seconds[i] = s;
            }
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double median = sorted[RUNS / 2];
        int n = what.contains("day") ? DAY : ENTRIES;
        return String.format(
                "%-55s median %.2f s (min %.2f, max %.2f) = %,.0f entries/s; runs %s%n",
                what,
                median,
                sorted[0],
                sorted[RUNS - 1],
                n / median,
                Arrays.toString(Arrays.stream(seconds)
                        .map(x -> Math.round(x * 100) / 100.0)
                        .toArray()));
    }

    private List<Seed> seeds() throws Exception {
        List<Seed> seeds = new ArrayList<>();
        try (InputStream in = IngestionBenchmark.class.getResourceAsStream("/demo/seed-papers.json")) {
            for (JsonNode seed : mapper.readTree(in)) {
                String title = seed.path("title").asText("");
                if (title.isBlank()) {
                    continue;
                }
                List<String> authors = new ArrayList<>();
                seed.path("authors").forEach(a -> authors.add(a.asText()));
                String abstractText = seed.path("abstract").asText("");
                seeds.add(new Seed(title, abstractText.isBlank() ? title : abstractText, authors));
            }
        }
        return seeds;
    }

    /** The benchmark workload (docs/PERFORMANCE.md): seeds cycled, own ids, 3-8 names when a seed has none, cs mix. */
    private static List<String> authors(Seed seed, Random random) {
        if (!seed.authors().isEmpty()) {
            return seed.authors();
        }
        List<String> names = new ArrayList<>();
        int n = 3 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            names.add(FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)]);
        }
        return names;
    }

    private static List<String> categories(Random random) {
        double r = random.nextDouble();
        String primary = r < 0.25
                ? "cs.LG"
                : r < 0.45
                        ? "cs.CV"
                        : r < 0.60 ? "cs.CL" : r < 0.70 ? "cs.AI" : OTHER_CS[random.nextInt(OTHER_CS.length)];
        List<String> categories = new ArrayList<>(List.of(primary));
        if (random.nextInt(3) == 0) {
            String second = random.nextBoolean() ? "cs.LG" : OTHER_CS[random.nextInt(OTHER_CS.length)];
            if (!second.equals(primary)) {
                categories.add(second);
            }
        }
        return categories;
    }

    static String id(int i) {
        return String.format("27%02d.%05d", 1 + i / 100_000, i % 100_000);
    }

    private static byte[] atom(List<Seed> seeds, int total, int from, int to) {
        return atom(seeds, total, from, to, Instant.parse("2026-06-11T12:00:00Z"));
    }

    private static byte[] atom(List<Seed> seeds, int total, int from, int to, Instant newest) {
        Random random = new Random(42 + from);
        StringBuilder xml = new StringBuilder(
                "<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\" "
                        + "xmlns:arxiv=\"http://arxiv.org/schemas/atom\" xmlns=\"http://www.w3.org/2005/Atom\">\n"
                        + "<opensearch:totalResults>" + total + "</opensearch:totalResults>\n");
        for (int i = from; i < to; i++) {
            Seed seed = seeds.get(i % seeds.size());
            String published = newest.minusSeconds(i * 20L).toString();
            List<String> categories = categories(random);
            xml.append("<entry>\n<id>http://arxiv.org/abs/")
                    .append(id(i))
                    .append("v1</id>\n<title>")
                    .append(escape(seed.title()))
                    .append("</title>\n<updated>")
                    .append(published)
                    .append("</updated>\n<link href=\"https://arxiv.org/pdf/")
                    .append(id(i))
                    .append("v1\" rel=\"related\" type=\"application/pdf\" title=\"pdf\"/>\n<summary>")
                    .append(escape(seed.abstractText()))
                    .append("</summary>\n");
            for (String category : categories) {
                xml.append("<category term=\"")
                        .append(category)
                        .append("\" scheme=\"http://arxiv.org/schemas/atom\"/>\n");
            }
            xml.append("<published>")
                    .append(published)
                    .append("</published>\n<arxiv:primary_category term=\"")
                    .append(categories.get(0))
                    .append("\"/>\n");
            for (String author : authors(seed, random)) {
                xml.append("<author>\n<name>").append(escape(author)).append("</name>\n</author>\n");
            }
            xml.append("</entry>\n");
        }
        return xml.append("</feed>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] hfJson(List<Seed> seeds, int n) throws Exception {
        Random random = new Random(7);
        ArrayNode items = mapper.createArrayNode();
        for (int i = 0; i < n; i++) {
            Seed seed = seeds.get(i % seeds.size());
            ObjectNode item = items.addObject();
            ObjectNode paper = item.putObject("paper");
            paper.put("id", id(50_000 + i));
            ArrayNode authors = paper.putArray("authors");
            for (String author : authors(seed, random)) {
                authors.addObject().put("name", author).put("hidden", false);
            }
            paper.put("publishedAt", "2026-06-10T00:00:00.000Z");
            paper.put("title", seed.title());
            paper.put("summary", seed.abstractText());
            paper.put("upvotes", random.nextInt(200));
            paper.putArray("ai_keywords").add("benchmark").add("ingestion");
            item.put("publishedAt", "2026-06-11T00:00:00.000Z");
            item.put("numComments", random.nextInt(10));
            item.put(
                    "thumbnail",
                    "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/" + id(50_000 + i) + ".png");
        }
        return mapper.writeValueAsBytes(items);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
