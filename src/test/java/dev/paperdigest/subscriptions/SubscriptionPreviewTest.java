package dev.paperdigest.subscriptions;

import dev.paperdigest.matching.MatchSession;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.support.Admin;
import dev.paperdigest.support.Links;
import dev.paperdigest.support.Mailbox;
import dev.paperdigest.support.PaperIds;
import dev.paperdigest.support.Subscribers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The live preview of the subscription forms ({@code GET /subscribe/preview}) and its page for
 * browsers without JavaScript. Each test follows words, authors and categories no other test's
 * papers have, so its counts are its own.
 */
@QuarkusTest
class SubscriptionPreviewTest {

    @Inject
    RecentPapers recent;

    /** Imports papers as JSON Lines, {@code {"title", "authors", "categories"}} each; returns their arXiv ids. */
    static List<String> importPapers(String... papers) {
        String base = PaperIds.base("2612");
        List<String> ids = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < papers.length; i++) {
            ids.add(base + i);
            lines.append("{\"arxiv_id\": \"")
                    .append(base)
                    .append(i)
                    .append("\", \"abstract\": \"A paper for the preview tests.\", ")
                    .append(papers[i])
                    .append("}\n");
        }
        Admin.jsonLines(lines.toString())
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200)
                .body("created", equalTo(papers.length))
                .body("rejected", hasSize(0));
        return ids;
    }

    static Response preview(String keywords, String authors, String... categories) {
        return RestAssured.given()
                .queryParam("keywords", keywords)
                .queryParam("authors", authors)
                .queryParam("categories", (Object[]) categories)
                .get("/subscribe/preview");
    }

    /** The item of the preview that shows one line: {@code keywords} line 1 is {@code id="preview-keywords-1"}. */
    static String line(String html, String field, int number) {
        String start = "id=\"preview-" + field + "-" + number + "\"";
        int at = html.indexOf(start);
        assertThat(html, containsString(start));
        int end = html.indexOf("id=\"preview-", at + start.length());
        int list = html.indexOf("</ul>", at);
        return html.substring(at, end < 0 || (list >= 0 && list < end) ? list : end);
    }

    @Test
    void eachLineShowsHowManyPapersItMatchedAndTheBestThreeLinkedToTheirAbstracts() {
        List<String> ids = importPapers(
                "\"title\": \"Zorblaxian lattices\", \"authors\": [\"Quintessa Marblewood\", \"Bo Li\"], \"categories\": [\"astro-ph.EP\"]",
                "\"title\": \"Deep zorblaxian models\", \"authors\": [\"Quintessa Marblewood\"], \"categories\": [\"cs.CL\"]",
                "\"title\": \"A zorblaxian survey\", \"authors\": [\"Ada Lovelace\"], \"categories\": [\"astro-ph.EP\", \"cs.LG\"]",
                "\"title\": \"Zorblaxian notes\", \"authors\": [\"Ada Lovelace\"], \"categories\": [\"cs.LG\"]",
                "\"title\": \"Something else entirely\", \"authors\": [\"Ada Lovelace\"], \"categories\": [\"cs.LG\"]");

        String html = preview("zorblaxian", "Quintessa Marblewood", "astro-ph.EP")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .extract()
                .asString();

        String keyword = line(html, "keywords", 1);
        assertThat(keyword, containsString("4 papers"));
        assertThat(
                "three of the four are shown",
                Pattern.compile("<li><a href=").matcher(keyword).results().count(),
                equalTo(3L));
        assertThat(
                line(html, "authors", 1),
                allOf(
                        containsString("2 papers"),
                        containsString("<a href=\"https://arxiv.org/abs/" + ids.get(0) + "\">Zorblaxian lattices</a>"),
                        containsString(
                                "<a href=\"https://arxiv.org/abs/" + ids.get(1) + "\">Deep zorblaxian models</a>"),
                        not(containsString("A zorblaxian survey"))));
        assertThat(
                line(html, "categories", 1),
                allOf(
                        containsString("astro-ph.EP"),
                        containsString("Earth and Planetary Astrophysics"),
                        containsString("2 papers"),
                        containsString("Zorblaxian lattices"),
                        containsString("A zorblaxian survey"),
                        not(containsString("Deep zorblaxian models"))));
        assertThat(html, containsString("All together: <strong>4 of the"));
        assertThat("a fragment, not a page", html, not(containsString("<html")));
    }

    @Test
    void aLineTheFormWouldRefuseGetsTheFormsMessageNextToItAndTheOthersStillCount() {
        importPapers("\"title\": \"Quimbletron dynamics\", \"authors\": [\"Ada Lovelace\"]");
        String keywords = "quimbletron\n\"unclosed phrase";
        String form = RestAssured.given()
                .contentType("application/x-www-form-urlencoded")
                .formParam("email", Subscribers.uniqueEmail("refused"))
                .formParam("keywords", keywords)
                .formParam("authors", "Lewis")
                .formParam("categories", "cs.XX")
                .formParam("frequency", "daily")
                .formParam("sendHour", "8")
                .formParam("timezone", "UTC")
                .post("/subscribe")
                .then()
                .statusCode(400)
                .extract()
                .asString();

        String html = preview(keywords, "Lewis", "cs.XX")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        assertThat(line(html, "keywords", 1), allOf(containsString("1 paper"), containsString("Quimbletron dynamics")));
        String unclosed = line(html, "keywords", 2);
        assertThat(unclosed, containsString(formError(form, "keywords", 1)));
        assertThat(unclosed, containsString("has a quote that is never closed"));
        assertThat(unclosed, not(containsString("paper")));
        assertThat(line(html, "authors", 1), containsString(formError(form, "authors", 1)));
        assertThat(line(html, "authors", 1), containsString("is only a surname"));
        assertThat(line(html, "categories", 1), containsString(formError(form, "categories", 1)));
        assertThat(line(html, "categories", 1), containsString("is not an arXiv category"));
    }

    /** The text of the form's n-th message for a field, as the page has it (escaped). */
    private static String formError(String page, String field, int n) {
        Matcher m = Pattern.compile("<p class=\"error\" id=\"" + field + "-error-" + n + "\">(.*?)</p>")
                .matcher(page);
        assertThat(page, m.find(), equalTo(true));
        return m.group(1);
    }

    @Test
    void hostileTitlesAndLinesAreEscaped() {
        importPapers(
                "\"title\": \"<img src=x onerror=alert(1)> Flibbertigrox & friends\", \"authors\": [\"Ada Lovelace\"]");

        String html = preview("flibbertigrox\n<script>alert(2)</script>", "", "<b>cs.CL</b>")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        assertThat(
                line(html, "keywords", 1),
                containsString("&lt;img src=x onerror=alert(1)&gt; Flibbertigrox &amp; friends"));
        assertThat(html, not(containsString("<img")));
        assertThat(html, not(containsString("<script>")));
        assertThat(html, not(containsString("<b>")));
        assertThat(html, containsString("&lt;script&gt;alert(2)&lt;/script&gt;"));
    }

    @Test
    void onlyPapersThatArrivedInTheLastSevenDaysCount() {
        List<String> ids = importPapers(
                "\"title\": \"Flarnquist today\"",
                "\"title\": \"Flarnquist six days ago\"",
                "\"title\": \"Flarnquist eight days ago\"");
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            Paper.update("firstSeenAt = ?1 where arxivId = ?2", now.minus(Duration.ofDays(6)), ids.get(1));
            Paper.update("firstSeenAt = ?1 where arxivId = ?2", now.minus(Duration.ofDays(8)), ids.get(2));
        });

        String keyword = line(preview("flarnquist", "").asString(), "keywords", 1);

        assertThat(
                keyword,
                allOf(
                        containsString("2 papers"),
                        containsString("Flarnquist today"),
                        containsString("Flarnquist six days ago"),
                        not(containsString("eight days ago"))));
    }

    @Test
    void moreLinesThanTheFormTakesAreRefusedAndNotLookedAt() {
        importPapers("\"title\": \"Vextrumble of the week\", \"authors\": [\"Ysolde Brackenridge\"]");
        String twentyOne = IntStream.rangeClosed(1, 21)
                .mapToObj(i -> "vextrumble" + (char) ('a' + i))
                .collect(Collectors.joining("\n"));

        String html = preview(twentyOne, "Ysolde Brackenridge")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        assertThat(html, containsString("id=\"preview-keywords-error\">At most 20 keywords, please.</p>"));
        assertThat(html, not(containsString("id=\"preview-keywords-1\"")));
        assertThat(
                line(html, "authors", 1), allOf(containsString("1 paper"), containsString("Vextrumble of the week")));

        String twenty = twentyOne.substring(0, twentyOne.lastIndexOf('\n'));
        String allowed = preview(twenty, "").asString();
        assertThat(allowed, not(containsString("At most 20")));
        assertThat(line(allowed, "keywords", 20), containsString("0 papers"));
        assertThat(
                line(preview("vextrumble " + "x".repeat(200), "").asString(), "keywords", 1),
                containsString("is longer than 200 characters"));
    }

    @Test
    void withoutJavaScriptThePreviewButtonShowsTheFormAsTypedWithItsPreviewAndSendsNothing() {
        importPapers(
                "\"title\": \"Glimmerwick optics\", \"authors\": [\"Ada Lovelace\"], \"categories\": [\"astro-ph.SR\"]");
        String email = Subscribers.uniqueEmail("previewer");

        String page = RestAssured.given()
                .contentType("application/x-www-form-urlencoded")
                .formParam("email", email)
                .formParam("keywords", "glimmerwick")
                .formParam("authors", "Ysolde Brackenridge")
                .formParam("categories", "astro-ph.SR")
                .formParam("categories", "nlin.CD")
                .formParam("frequency", "weekly")
                .formParam("sendHour", "7")
                .formParam("timezone", "Europe/Warsaw")
                .post("/subscribe/preview")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        assertThat(
                page,
                allOf(
                        containsString("value=\"" + email + "\""),
                        containsString(">glimmerwick</textarea>"),
                        containsString(">Ysolde Brackenridge</textarea>"),
                        containsString("value=\"astro-ph.SR\" checked"),
                        containsString("value=\"nlin.CD\" checked"),
                        containsString("<option value=\"weekly\" selected"),
                        containsString("value=\"Europe/Warsaw\""),
                        containsString("data-previewed"),
                        containsString("Glimmerwick optics")));
        assertThat(line(page, "keywords", 1), containsString("1 paper"));
        assertThat(line(page, "categories", 1), containsString("Glimmerwick optics"));
        Mailbox.assertNoMoreArrive(email, 0);
        assertThrows(AssertionError.class, () -> Subscribers.id(email), "nobody was signed up");
    }

    @Test
    void theManagePagePreviewsWithoutSaving() {
        importPapers("\"title\": \"Snorkelfrond tides\", \"authors\": [\"Ada Lovelace\"]");
        String email = Subscribers.uniqueEmail("manage-preview");
        Subscribers.signUpAndConfirm(email, "optimal transport", "", "");
        Subscribers.signUp(email, "ignored", "", "");
        String manage = Links.pathAndQuery(Mailbox.await(email, 2).get(1).link("http://localhost:8080/manage?token="));

        String page = RestAssured.given()
                .contentType("application/x-www-form-urlencoded")
                .formParam("keywords", "snorkelfrond")
                .formParam("frequency", "daily")
                .formParam("sendHour", "8")
                .formParam("timezone", "UTC")
                .post(manage.replace("/manage?", "/manage/preview?"))
                .then()
                .statusCode(200)
                .extract()
                .asString();

        assertThat(page, allOf(containsString(email), containsString(">snorkelfrond</textarea>")));
        assertThat(line(page, "keywords", 1), allOf(containsString("1 paper"), containsString("Snorkelfrond tides")));
        assertThat(page, not(containsString("Saved.")));
        Admin.admin()
                .get("/api/admin/subscribers/" + Subscribers.id(email))
                .then()
                .body("subscriptions.query", containsInAnyOrder("optimal transport"));
        RestAssured.given()
                .contentType("application/x-www-form-urlencoded")
                .formParam("keywords", "snorkelfrond")
                .post("/manage/preview?token=forged")
                .then()
                .statusCode(400)
                .body(containsString("This link is not valid"));
    }

    @Test
    void theWeekOfPapersIsIndexedOnceUntilAPaperArrives() {
        MatchSession first = recent.session();
        assertSame(first, recent.session());

        importPapers("\"title\": \"A newcomer\"");
        MatchSession second = recent.session();
        assertNotSame(first, second);
        assertThat(second.size(), equalTo(first.size() + 1));
    }

    @Test
    void aPaperAnotherReplicaStoredShowsWithinSeconds() {
        String id = importPapers("\"title\": \"An ordinary title\"").get(0);
        assertThat(line(preview("vorpalescent", "").asString(), "keywords", 1), containsString(">0 papers<"));

        // written by another process (here: straight into the database, as another replica's import would)
        QuarkusTransaction.requiringNew().run(() -> {
            Paper paper = Paper.findByArxivId(id).orElseThrow();
            paper.title = "Vorpalescent dynamics";
            paper.lastSeenAt = Instant.now();
        });
        await("the other replica's paper in the preview")
                .atMost(RecentPapers.CHECK_EVERY.plus(Duration.ofSeconds(5)))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> line(preview("vorpalescent", "").asString(), "keywords", 1)
                        .contains(">1 paper<"));
    }
}
