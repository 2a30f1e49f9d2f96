package dev.paperdigest.papers.ingestion;

import dev.paperdigest.papers.Paper;
import dev.paperdigest.support.Admin;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Shared steps of the ingestion tests. */
final class IngestionTestSupport {

    private IngestionTestSupport() {}

    static RequestSpecification admin() {
        return Admin.admin();
    }

    /** Starts a run through the admin API and returns its id. */
    static long start(String source, String date) {
        String body = date == null
                ? "{\"source\":\"" + source + "\"}"
                : "{\"source\":\"" + source + "\",\"date\":\"" + date + "\"}";
        return admin().contentType("application/json")
                .body(body)
                .post("/api/admin/ingestions")
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    /** Polls the admin API until the run has finished; returns its last view. */
    static JsonPath await(long id) {
        return Admin.awaitFinished("/api/admin/ingestions/" + id, Duration.ofSeconds(60));
    }

    static Paper paper(String arxivId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Paper.findByArxivId(arxivId).orElseThrow(() -> new AssertionError("no paper " + arxivId)));
    }

    static long paperCount(String arxivId) {
        return QuarkusTransaction.requiringNew().call(() -> Paper.count("arxivId", arxivId));
    }

    /** Forgets earlier runs of a source, so a catch-up run starts from its first-run window. */
    static void forgetRuns(String source) {
        QuarkusTransaction.requiringNew().run(() -> IngestionRun.delete("source", source));
    }

    static void deletePapers(List<String> ids) {
        QuarkusTransaction.requiringNew().run(() -> Paper.delete("arxivId in ?1", ids));
    }

    // ---- made-up arXiv feeds ----

    static String feed(int total, String... entries) {
        return "<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\" "
                + "xmlns:arxiv=\"http://arxiv.org/schemas/atom\" xmlns=\"http://www.w3.org/2005/Atom\">\n"
                + "  <opensearch:totalResults>" + total + "</opensearch:totalResults>\n"
                + String.join("\n", entries) + "\n</feed>\n";
    }

    static String entry(
            String idWithVersion,
            String title,
            Instant published,
            List<String> authors,
            String primary,
            String... otherCategories) {
        StringBuilder xml = new StringBuilder("  <entry>\n    <id>http://arxiv.org/abs/")
                .append(idWithVersion)
                .append("</id>\n")
                .append("    <title>")
                .append(title)
                .append("</title>\n")
                .append("    <updated>")
                .append(DateTimeFormatter.ISO_INSTANT.format(published))
                .append("</updated>\n")
                .append("    <published>")
                .append(DateTimeFormatter.ISO_INSTANT.format(published))
                .append("</published>\n")
                .append("    <summary>Abstract of ")
                .append(title)
                .append(", with $\\alpha$ and &amp; kept.</summary>\n")
                .append("    <link href=\"https://arxiv.org/pdf/")
                .append(idWithVersion)
                .append("\" rel=\"related\" type=\"application/pdf\" title=\"pdf\"/>\n");
        for (String author : authors) {
            xml.append("    <author><name>").append(author).append("</name></author>\n");
        }
        for (String category : otherCategories) {
            xml.append("    <category term=\"")
                    .append(category)
                    .append("\" scheme=\"http://arxiv.org/schemas/atom\"/>\n");
        }
        xml.append("    <category term=\"").append(primary).append("\" scheme=\"http://arxiv.org/schemas/atom\"/>\n");
        xml.append("    <arxiv:primary_category term=\"").append(primary).append("\"/>\n  </entry>");
        return xml.toString();
    }
}
