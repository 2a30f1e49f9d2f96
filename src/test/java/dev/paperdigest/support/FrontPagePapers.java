package dev.paperdigest.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;

import static org.hamcrest.Matchers.equalTo;

/**
 * Papers for the front page's tests, imported through the admin API in the formats of the sources
 * (a Hugging Face {@code daily_papers} answer of the 2026 schema, an arXiv API Atom feed), on days
 * no other test uses: fortnights from January 2101 on, later than every paper the other tests
 * import, so the newest of them is the front page's newest day.
 */
public final class FrontPagePapers {

    private static final LocalDate FIRST_TUESDAY = LocalDate.of(2101, 1, 4);
    private static final AtomicInteger FORTNIGHTS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private FrontPagePapers() {}

    /**
     * A Tuesday two weeks after the last one given, so later than every paper imported so far; the
     * days up to the next Tuesday given are this caller's.
     */
    public static LocalDate freshTuesday() {
        LocalDate day = FIRST_TUESDAY.plusWeeks(2L * FORTNIGHTS.getAndIncrement());
        if (day.getDayOfWeek() != DayOfWeek.TUESDAY) {
            throw new IllegalStateException(day + " is no Tuesday");
        }
        return day;
    }

    /** A paper as Hugging Face lists it. */
    public record Trending(String id, String title, String summary, int upvotes) {}

    /** A paper as the arXiv API gives it. */
    public record Submitted(String id, String title, String summary) {}

    /** Imports papers as Hugging Face's daily_papers answer for {@code day} lists them. */
    public static void listOnHuggingFace(LocalDate day, Trending... papers) {
        ArrayNode items = JSON.createArrayNode();
        for (Trending paper : papers) {
            ObjectNode item = items.addObject();
            ObjectNode inner = item.putObject("paper");
            inner.put("id", paper.id());
            inner.putArray("authors")
                    .addObject()
                    .put("_id", "6a2c729da0d4daae4285f05a")
                    .put("name", "Ada Lovelace")
                    .put("hidden", false);
            inner.put("publishedAt", day.minusDays(2) + "T00:00:00.000Z");
            inner.put("submittedOnDailyAt", day + "T00:00:00.000Z");
            inner.put("title", paper.title());
            inner.put("summary", paper.summary());
            inner.put("upvotes", paper.upvotes());
            inner.put("discussionId", "6a2c729da0d4daae4285f062");
            inner.putArray("ai_keywords").add("test papers");
            item.put("publishedAt", day.minusDays(3) + "T20:00:00.000Z");
            item.put("title", paper.title());
            item.put("summary", paper.summary());
            item.put(
                    "thumbnail",
                    "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/" + paper.id() + ".png");
            item.put("numComments", 1);
            item.put("isAuthorParticipating", false);
        }
        Admin.admin()
                .contentType("application/json")
                .body(items.toString())
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200)
                .body("rejected.size()", equalTo(0));
    }

    /**
     * Imports papers as the arXiv API gives them, submitted at noon in New York the weekday before
     * {@code day} (Tuesday to Friday), so that arXiv announces them on {@code day}; each a minute
     * after the one before.
     */
    public static void announceOnArxiv(LocalDate day, Submitted... papers) {
        if (day.getDayOfWeek().getValue() < DayOfWeek.TUESDAY.getValue()
                || day.getDayOfWeek().getValue() > DayOfWeek.FRIDAY.getValue()) {
            throw new IllegalArgumentException("announced on " + day.getDayOfWeek() + ": pick Tuesday to Friday");
        }
        StringBuilder feed = new StringBuilder("""
                <?xml version='1.0' encoding='UTF-8'?>
                <feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
                  <id>https://arxiv.org/api/+yL+2aOC2tMwSSbNUvwVflQZ4gc</id>
                  <title>arXiv Query: search_query=cat:cs.CL&amp;id_list=&amp;start=0&amp;max_results=100</title>
                """);
        feed.append("  <opensearch:totalResults>").append(papers.length).append("</opensearch:totalResults>\n");
        int minute = 0;
        for (Submitted paper : papers) {
            String submitted = DateTimeFormatter.ISO_INSTANT.format(
                    day.minusDays(1).atTime(12, minute++).atZone(NEW_YORK).toInstant());
            feed.append("  <entry>\n")
                    .append("    <id>http://arxiv.org/abs/")
                    .append(paper.id())
                    .append("v1</id>\n")
                    .append("    <title>")
                    .append(xml(paper.title()))
                    .append("</title>\n")
                    .append("    <updated>")
                    .append(submitted)
                    .append("</updated>\n")
                    .append("    <link href=\"https://arxiv.org/abs/")
                    .append(paper.id())
                    .append("v1\" rel=\"alternate\" type=\"text/html\"/>\n")
                    .append("    <link href=\"https://arxiv.org/pdf/")
                    .append(paper.id())
                    .append("v1\" rel=\"related\" type=\"application/pdf\" title=\"pdf\"/>\n")
                    .append("    <summary>")
                    .append(xml(paper.summary()))
                    .append("</summary>\n")
                    .append("    <category term=\"cs.CL\" scheme=\"http://arxiv.org/schemas/atom\"/>\n")
                    .append("    <published>")
                    .append(submitted)
                    .append("</published>\n")
                    .append("    <arxiv:primary_category term=\"cs.CL\"/>\n")
                    .append("    <author>\n      <name>Grace Hopper</name>\n    </author>\n")
                    .append("  </entry>\n");
        }
        feed.append("</feed>\n");
        Admin.admin()
                .contentType("application/atom+xml")
                .body(feed.toString())
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200)
                .body("rejected.size()", equalTo(0));
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
